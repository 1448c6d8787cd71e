export * from './shared-dir';
export * from './fake-upstream';
export * from './scripted-adapter';
export * from './fake-openai';
export * from './fake-anthropic';
export * from './client-abort';
