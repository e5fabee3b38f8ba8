import type { CasesDocument, PortContractDocument, PortFixture, RequestSchemaDocument, RuleLibraryDocument, RuleSetDocument } from '@smart-task/schemas';

/** A place in a catalog file: the file and an RFC 6901 JSON pointer into it. */
export interface SourceLocation {
  readonly file: string;
  readonly pointer: string;
}

/** A DSL document with the file it came from. */
export interface LoadedDocument<T> {
  readonly file: string;
  readonly document: T;
  /**
   * For a rule set that uses rule libraries: where each copied gate, check or fact was written, by its
   * pointer in `document` (e.g. `/gates/0` → the library file and `/gates/2`). See `sourceOf`.
   */
  readonly origins?: ReadonlyMap<string, SourceLocation>;
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
  /** The rule libraries (`*.library.json`) the rule sets take shared gates, checks and facts from. */
  readonly libraries: readonly LoadedDocument<RuleLibraryDocument>[];
  /**
   * The files whose content-only checks the loader took from the packages' build-check record instead
   * of running them (see `LoadCatalogOptions.verify`); empty or absent when every document was checked.
   */
  readonly checkedAtBuild?: readonly string[];
}
