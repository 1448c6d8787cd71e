export * from './shared-dir';
export * from './fake-upstream';
