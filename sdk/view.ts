/**
 * The results viewer (docs/view.md): Results roots read into a view model, served read-only over
 * node:http, or written as a static site.
 * @module
 */
export { loadView } from "../src/view/view-model.ts";
export type { ViewModel, ViewRoot, ViewRun, LoadViewOptions } from "../src/view/view-model.ts";
export { startViewServer } from "../src/view/view-server.ts";
export type { ViewServer, ViewServerOptions } from "../src/view/view-server.ts";
export { writeViewSite } from "../src/view/write-view-site.ts";
