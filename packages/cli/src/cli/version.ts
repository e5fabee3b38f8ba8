import packageJson from '../../package.json';

/** The version of `@smart-task/cli`, from its package.json (inlined in the build), printed by `smart-task --version`. */
export const CLI_VERSION: string = packageJson.version;
