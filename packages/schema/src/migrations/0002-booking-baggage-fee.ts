import type { AirlineMigration } from './migration-step.js'

// FROZEN once released: never edit; change the model with a new numbered migration.

/**
 * `fact_bookings.baggage_fee`: excess-baggage charges (overweight, oversize bags) collected at
 * check-in. DECIMAL(10,2) NOT NULL DEFAULT 0, so a deployed table's existing rows read 0 (no
 * charge recorded) and loads that predate the column still satisfy NOT NULL. Added last, as
 * ALTER TABLE … ADD COLUMN appends.
 */
export const MIGRATION_0002: AirlineMigration = Object.freeze({
  name: '0002_booking_baggage_fee',
  steps: Object.freeze([
    Object.freeze({
      kind: 'add-column',
      schema: 'airline_dw',
      table: 'fact_bookings',
      column: 'baggage_fee',
      definition: Object.freeze({
        type: Object.freeze({ kind: 'decimal', precision: 10, scale: 2 }),
        nullable: false,
        hasDefault: true,
        default: Object.freeze({ kind: 'literal', value: 0 }),
        identity: false,
        encode: 'AZ64',
        comment:
          'Excess-baggage charges at check-in (overweight, oversize bags); 0 unless flown; not in total_amount',
      }),
    } as const),
  ]),
})
