/** Written by scripts/build-lib.mjs after a successful build, dated when the build started. */
export declare const BUILD_STAMP: string;
/** True when lib/ holds a build of the current sources. */
export declare function compiledIsCurrent(): boolean;
/** The CLI's `main(argv)`: compiled when current, else the sources through tsx. */
export declare function loadMain(): Promise<(argv: string[]) => Promise<number>>;
