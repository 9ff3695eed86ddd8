// Validates JSON documents against the official Open Referral HSDS 3.0 schemas (shared/standards/hsds-3.0).
// Usage: node validate-hsds.mjs SCHEMA_DIR SCHEMA_FILE DATA_FILE   (DATA_FILE: one object or an array of objects)
// Exit 0 when every object is valid; otherwise prints the errors as JSON and exits 1.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [schemaDir, schemaFile, dataFile] = process.argv.slice(2);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// The non-compiled schemas refer to each other by file name ("metadata.json"): register them all under those names.
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith(".json") && f !== "openapi.json")) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8"));
  delete schema.$id;
  ajv.addSchema(schema, file);
}
const target = JSON.parse(fs.readFileSync(path.join(schemaDir, schemaFile), "utf8"));
delete target.$id;
const validate = ajv.compile(target);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
const items = Array.isArray(data) ? data : [data];
let valid = true;
items.forEach((item, index) => {
  if (!validate(item)) {
    valid = false;
    console.log(JSON.stringify({ index, errors: validate.errors }));
  }
});
process.exit(valid ? 0 : 1);
