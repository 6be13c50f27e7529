/** Defined once in the contract (`contract/`), which the widget's types derive from; the row mapper is the service's. */
export * from '../../../contract/schemas/prospect.schema.js';

/** A row's prospect columns as the API shows them. */
export const prospectOf = (row: { company: string; contact_name: string; email: string; domain: string }) => ({
  company: row.company,
  contact_name: row.contact_name,
  email: row.email,
  domain: row.domain,
});
