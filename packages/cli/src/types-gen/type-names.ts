/** `revoca-delega-intermediario` → `RevocaDelegaIntermediario`; `posizioneContributiva` → `PosizioneContributiva`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The interface name of a task's request data: `revoca-delega-intermediario` → `RevocaDelegaIntermediarioRequest`. */
export function requestTypeName(taskId: string): string {
  return `${pascalCase(taskId)}Request`;
}
