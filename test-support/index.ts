export * from './shared-dir';
export * from './fake-upstream';
export * from './scripted-adapter';
