CREATE TABLE "rsp_meta"."freshness_marker" (
  "marker_id" VARCHAR(64) ENCODE ZSTD NOT NULL,
  "written_at" TIMESTAMP ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("marker_id")
)
DISTSTYLE ALL
COMPOUND SORTKEY ("marker_id");

COMMENT ON TABLE "rsp_meta"."freshness_marker" IS 'Freshness probe: the producer writes a marker row, consumers read it through the datashare; written_at tells how fresh the shared data is.';

COMMENT ON COLUMN "rsp_meta"."freshness_marker"."marker_id" IS 'Which probe wrote the row';

COMMENT ON COLUMN "rsp_meta"."freshness_marker"."written_at" IS 'UTC, when the producer wrote the marker';
