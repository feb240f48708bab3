/**
 * Checks that the SDK's three descriptions of its entry points agree (docs/architecture.md, "SDK"):
 * - package.json `exports` (npm) and deno.json `exports` (JSR) list the same entries, in both
 *   directions, and each entry points at its file: "." → sdk/index.ts, "./x" → sdk/x.ts (npm: the
 *   compiled lib/sdk/x.js with its lib/sdk/x.d.ts);
 * - every sdk/*.ts file is such an entry, and starts with a `@module` JSDoc;
 * - the names sdk/index.ts exports are exactly the names of the domain files, each name exported by
 *   one domain file only (nothing lost from the root, nothing only in the root);
 * - every exported name has JSDoc on its declaration (what editors and `deno doc` show), and so does
 *   every public member of an exported interface or class.
 * `node --import tsx scripts/validate-exports.ts` prints the problems; test/package/validate-exports.test.ts runs it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

type NpmExport = { types?: string; default?: string } | string;

/** The entry name of an sdk/ file: "." for index.ts, "./x" for x.ts. */
function entryOf(file: string): string {
  return file === "index.ts" ? "." : `./${file.slice(0, -".ts".length)}`;
}

function readExports(root: string, file: string): Record<string, unknown> {
  const path = join(root, file);
  if (!existsSync(path)) return {};
  const exports = (JSON.parse(readFileSync(path, "utf8")) as { exports?: unknown }).exports;
  if (typeof exports === "string") return { ".": exports };
  return exports !== null && typeof exports === "object" ? (exports as Record<string, unknown>) : {};
}

/** package.json, deno.json and sdk/*.ts name the same entries, each pointing at its own file. */
function checkEntries(root: string, sdkFiles: string[]): string[] {
  const npm = readExports(root, "package.json") as Record<string, NpmExport>;
  const jsr = readExports(root, "deno.json");
  const entries = new Set([...Object.keys(npm), ...Object.keys(jsr), ...sdkFiles.map(entryOf)]);
  const problems: string[] = [];
  for (const entry of [...entries].sort()) {
    const base = entry === "." ? "index" : entry.slice(2);
    const source = `sdk/${base}.ts`;
    if (!sdkFiles.includes(`${base}.ts`)) problems.push(`${source} does not exist, but "${entry}" is exported`);
    const npmEntry = npm[entry];
    if (npmEntry === undefined) problems.push(`package.json exports lacks "${entry}" (${source})`);
    else {
      const types = typeof npmEntry === "string" ? undefined : npmEntry.types;
      const js = typeof npmEntry === "string" ? npmEntry : npmEntry.default;
      if (types !== `./lib/sdk/${base}.d.ts`) problems.push(`package.json exports["${entry}"].types is ${JSON.stringify(types)}, not "./lib/sdk/${base}.d.ts"`);
      if (js !== `./lib/sdk/${base}.js`) problems.push(`package.json exports["${entry}"].default is ${JSON.stringify(js)}, not "./lib/sdk/${base}.js"`);
    }
    const jsrEntry = jsr[entry];
    if (jsrEntry === undefined) problems.push(`deno.json exports lacks "${entry}" (${source})`);
    else if (jsrEntry !== `./${source}`) problems.push(`deno.json exports["${entry}"] is ${JSON.stringify(jsrEntry)}, not "./${source}"`);
  }
  return problems;
}

/** Where a symbol is declared, as "src/x.ts:LINE". */
function declaredAt(root: string, declaration: ts.Declaration): string {
  const source = declaration.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(declaration.getStart());
  return `${relative(root, source.fileName)}:${line + 1}`;
}

/** The members of an exported interface or class that a reader sees (not private, not `#x`) and that lack JSDoc, as `deno doc --lint` asks. */
function undocumentedMembers(symbol: ts.Symbol): ts.Declaration[] {
  const members: ts.Declaration[] = [];
  for (const declaration of symbol.declarations ?? []) {
    if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
    for (const member of declaration.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
      if (ts.isClassStaticBlockDeclaration(member) || ts.isSemicolonClassElement(member)) continue;
      if (member.name && ts.isPrivateIdentifier(member.name)) continue;
      if (ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
      if (ts.getJSDocCommentsAndTags(member).length === 0) members.push(member);
    }
  }
  return members;
}

function memberName(member: ts.Declaration): string {
  if (ts.isConstructorDeclaration(member)) return "constructor";
  if (ts.isIndexSignatureDeclaration(member)) return "[index]";
  const name = (member as ts.NamedDeclaration).name;
  return name ? name.getText() : "(member)";
}

/** The root's names are the domain files' names, each in one file; every name and member has JSDoc. */
function checkNames(root: string, sdkFiles: string[]): string[] {
  const paths = sdkFiles.map((file) => join(root, "sdk", file));
  const program = ts.createProgram(paths, {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true, noEmit: true, noLib: true, types: [],
  });
  const checker = program.getTypeChecker();
  const problems: string[] = [];
  const namesOf = new Map<string, string[]>();
  for (const [i, file] of sdkFiles.entries()) {
    const source = program.getSourceFile(paths[i] ?? "");
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!source || !/^\/\*\*[\s\S]*?@module[\s\S]*?\*\//.test(source.text)) problems.push(`sdk/${file} does not start with a /** … @module */ comment`);
    const exported = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
    namesOf.set(file, exported.map((symbol) => symbol.name).sort());
    if (file === "index.ts") continue;
    for (const symbol of exported) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const documented = target.getDocumentationComment(checker).length > 0 || (target.declarations ?? []).some((d) => ts.getJSDocTags(d).length > 0);
      const declaration = target.declarations?.[0];
      if (!documented) problems.push(`sdk/${file}: ${symbol.name}${declaration ? ` (${declaredAt(root, declaration)})` : ""} has no JSDoc`);
      for (const member of undocumentedMembers(target)) {
        problems.push(`sdk/${file}: ${symbol.name}.${memberName(member)} (${declaredAt(root, member)}) has no JSDoc`);
      }
    }
  }
  const homes = new Map<string, string[]>();
  for (const [file, names] of namesOf) {
    if (file === "index.ts") continue;
    for (const name of names) homes.set(name, [...(homes.get(name) ?? []), `sdk/${file}`]);
  }
  for (const [name, files] of homes) if (files.length > 1) problems.push(`${name} is exported by ${files.join(" and ")}; each name belongs to one domain file`);
  const index = new Set(namesOf.get("index.ts") ?? []);
  if (sdkFiles.includes("index.ts")) {
    for (const [name, files] of homes) if (!index.has(name)) problems.push(`sdk/index.ts does not export ${name} (exported by ${files.join(", ")})`);
    for (const name of index) if (!homes.has(name)) problems.push(`sdk/index.ts exports ${name}, which no domain file in sdk/ exports`);
  }
  return problems;
}

/** Every disagreement between package.json, deno.json and sdk/ under `root`, one line each; [] when they agree. */
export function validateExports(root: string): string[] {
  const sdk = join(root, "sdk");
  const sdkFiles = existsSync(sdk) ? readdirSync(sdk).filter((file) => file.endsWith(".ts")).sort() : [];
  return [...checkEntries(root, sdkFiles), ...checkNames(root, sdkFiles)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = validateExports(join(import.meta.dirname, ".."));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log("package.json, deno.json and sdk/ agree");
}
