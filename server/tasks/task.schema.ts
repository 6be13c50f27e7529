/** Defined once in the contract (`contract/`), which the widget's types derive from. */
export * from '../../contract/schemas/task.schema.js';
export { commaList } from '../../contract/schemas/common.schema.js';
