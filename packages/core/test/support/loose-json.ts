/**
 * Parsed JSON (or JUnit XML) that a test reads or edits in place at any depth, often into a shape that
 * is invalid on purpose: an unknown operator, a date that does not exist, a property the schema refuses.
 * A declared type would refuse those edits and, with `noUncheckedIndexedAccess`, need a check at every
 * step of a path the test then asserts anyway; the tests use this one name instead of a bare `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one deliberate `any` of the tests, for the reason above.
export type LooseJson = any;
