export {
  createFakeDataApi,
  type FakeColumn,
  type FakeCommandName,
  type FakeDataApi,
  type FakeDataApiOptions,
  type FakeFault,
  type FakeFaultError,
  type FakeIntercept,
  type FakeInterceptContext,
  type FakeInterceptResult,
  type FakeStatementRecord,
} from './fake-data-api.js'
export { translateNamedParameters } from './named-parameters.js'
