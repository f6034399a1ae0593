// esbuild's `file` loader turns `import url from '...wasm'` into the URL of the emitted copy;
// TypeScript has to be told that is what such an import gives.
declare module '*.wasm' {
  const url: string;
  export default url;
}
