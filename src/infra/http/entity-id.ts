/** Ids are bigint identities shown as strings; anything else names nothing (a 404, not a 400). */
export const isEntityId = (id: string): boolean => /^[1-9][0-9]{0,17}$/.test(id);
