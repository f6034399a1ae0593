// Writes pkg/package.json from pkg.json, taking the version from Cargo.toml so the two never
// disagree. Run by `make pkg` after wasm-bindgen has filled pkg/.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const cargo = readFileSync('Cargo.toml', 'utf8');
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(cargo)?.[1];
if (!version) throw new Error('Cargo.toml has no [package] version');

const manifest = JSON.parse(readFileSync('pkg.json', 'utf8'));
const ordered = { name: manifest.name, version, ...manifest };
ordered.version = version;
for (const file of ordered.files) {
  if (!existsSync(`pkg/${file}`) && file !== 'README.md') {
    throw new Error(`pkg.json lists ${file}, which wasm-bindgen did not produce`);
  }
}
writeFileSync('pkg/package.json', JSON.stringify(ordered, null, 2) + '\n');
console.log(`pkg/package.json: ${ordered.name}@${version}`);
