/** Defined once in the contract (`contract/`), which the widget's types derive from. */
export * from '../../contract/schemas/page.schema.js';
