import type { CasesDocument, PortContractDocument, PortFixture, RequestSchemaDocument, RuleSetDocument } from '@smart-task/schemas';

/** A DSL document with the file it came from. */
export interface LoadedDocument<T> {
  readonly file: string;
  readonly document: T;
}

/** Everything the catalog holds about one Smart-Task. */
export interface TaskDefinition {
  readonly id: string;
  readonly requestSchema: LoadedDocument<RequestSchemaDocument>;
  /** The versions of its rule set, oldest `validFrom` first. */
  readonly ruleSets: readonly LoadedDocument<RuleSetDocument>[];
  readonly cases: readonly LoadedDocument<CasesDocument>[];
}

/** A loaded, validated and cross-checked catalog of Smart-Tasks. */
export interface Catalog {
  readonly portContract: LoadedDocument<PortContractDocument>;
  readonly tasks: ReadonlyMap<string, TaskDefinition>;
  readonly fixtures: readonly LoadedDocument<PortFixture>[];
}
