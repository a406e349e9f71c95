/**
 * Validation of request bodies against Discord's official OpenAPI description
 * (test/fixtures/discord-openapi.json) and against the documented limits that the spec does not
 * encode (it almost never sets `additionalProperties: false`, and some limits are missing or wrong).
 *
 * Paths are the URL path after `/api/v10`, e.g. `/interactions/1/tok/callback`; percent-encoded
 * segments such as `%40original` and a trailing query string are accepted.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type JsonObject = { [key: string]: unknown };

interface OpenApiOperation {
  operationId?: string;
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: unknown }>;
  };
}

interface OpenApiSpec {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/** An operation of Discord's HTTP API that a request was matched to. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/webhooks/{webhook_id}/{webhook_token}/messages/@original`. */
  template: string;
  /** Values of the template's `{placeholders}`, percent-decoded. */
  params: Record<string, string>;
}

interface RouteEntry {
  method: string;
  template: string;
  segments: string[];
  literals: number;
  operationId: string;
  operation: OpenApiOperation;
}

const SPEC_PATH = new URL("../fixtures/discord-openapi.json", import.meta.url);
const HTTP_METHODS = new Set(["get", "put", "post", "patch", "delete", "head", "options"]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

let specCache: OpenApiSpec | undefined;
let routesCache: RouteEntry[] | undefined;
let ajvCache: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction | null>();

function loadSpec(): OpenApiSpec {
  if (specCache === undefined) {
    specCache = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as OpenApiSpec;
  }
  return specCache;
}

function routes(): RouteEntry[] {
  if (routesCache !== undefined) return routesCache;
  const entries: RouteEntry[] = [];
  for (const [template, item] of Object.entries(loadSpec().paths)) {
    const segments = template.split("/").slice(1);
    const literals = segments.filter((segment) => !segment.startsWith("{")).length;
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !isObject(operation)) continue;
      const op = operation as OpenApiOperation;
      if (typeof op.operationId !== "string") continue;
      entries.push({
        method: method.toUpperCase(),
        template,
        segments,
        literals,
        operationId: op.operationId,
        operation: op,
      });
    }
  }
  // Most literal segments first, so `/messages/@original` wins over `/messages/{message_id}`.
  entries.sort((a, b) => b.literals - a.literals);
  routesCache = entries;
  return entries;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Splits a request path (with or without `/api/v10` and a query string) into decoded segments. */
function pathSegments(path: string): string[] {
  let pathname = path.split("?")[0] ?? "";
  pathname = pathname.replace(/^\/api(\/v\d+)?(?=\/|$)/, "");
  return pathname
    .split("/")
    .slice(1)
    .filter((segment, index, all) => segment !== "" || index < all.length - 1)
    .map(decodeSegment);
}

/** Finds the spec operation for a method and path, or undefined when Discord has no such route. */
export function findOperation(method: string, path: string): SpecOperation | undefined {
  const upper = method.toUpperCase();
  const segments = pathSegments(path);
  for (const route of routes()) {
    if (route.method !== upper || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matches = true;
    for (const [index, expected] of route.segments.entries()) {
      const actual = segments[index] ?? "";
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (actual === "") {
          matches = false;
          break;
        }
        params[expected.slice(1, -1)] = actual;
      } else if (expected !== actual) {
        matches = false;
        break;
      }
    }
    if (matches) {
      return { operationId: route.operationId, method: upper, template: route.template, params };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Schema preparation: make the spec's unions produce readable errors.

function resolveLocal(schema: unknown, schemas: Record<string, unknown>): unknown {
  if (isObject(schema) && typeof schema.$ref === "string") {
    const name = schema.$ref.replace(/^#\/components\/schemas\//, "");
    return schemas[name];
  }
  return schema;
}

function isNullSchema(schema: unknown): boolean {
  return isObject(schema) && schema.type === "null" && Object.keys(schema).length === 1;
}

function typeValues(schema: unknown): unknown[] | undefined {
  if (!isObject(schema) || !isObject(schema.properties)) return undefined;
  const type = schema.properties.type;
  if (!isObject(type)) return undefined;
  if (Array.isArray(type.enum)) return type.enum;
  if ("const" in type) return [type.const];
  return undefined;
}

/**
 * Rewrites a union whose branches are told apart by a required `type` property (components,
 * callback types, command options) into `if`/`then` pairs, so that a bad body is reported
 * against the one branch it was meant to match instead of against every branch.
 */
function discriminatedUnion(
  branches: unknown[],
  schemas: Record<string, unknown>,
): JsonObject | undefined {
  const nullable = branches.some(isNullSchema);
  const rest = branches.filter((branch) => !isNullSchema(branch));
  if (rest.length < 2) return undefined;
  const cases: { values: unknown[]; branch: unknown }[] = [];
  const seen = new Set<string>();
  for (const branch of rest) {
    const resolved = resolveLocal(branch, schemas);
    const values = typeValues(resolved);
    const required =
      isObject(resolved) && Array.isArray(resolved.required) ? resolved.required : [];
    if (values === undefined || !required.includes("type")) return undefined;
    for (const value of values) {
      const key = JSON.stringify(value);
      if (seen.has(key)) return undefined;
      seen.add(key);
    }
    cases.push({ values, branch });
  }
  const allValues = cases.flatMap((entry) => entry.values);
  const objectCase: JsonObject = {
    type: "object",
    required: ["type"],
    properties: { type: { enum: allValues } },
    allOf: cases.map((entry) => ({
      if: { required: ["type"], properties: { type: { enum: entry.values } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable.
      then: entry.branch,
    })),
  };
  return nullable ? { anyOf: [{ type: "null" }, objectCase] } : objectCase;
}

/** Rewrites `oneOf` lists of titled constants (the spec's enums) into plain `enum`s. */
function constantUnion(branches: unknown[]): unknown[] | undefined {
  const values: unknown[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || !("const" in branch)) return undefined;
    values.push(branch.const);
  }
  return values;
}

function prepareSchema(node: unknown, schemas: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => prepareSchema(item, schemas));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = prepareSchema(value, schemas);
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = out[keyword];
    if (!Array.isArray(branches)) continue;
    const constants = constantUnion(branches);
    if (constants !== undefined) {
      delete out[keyword];
      out.enum = constants;
      continue;
    }
    const union = discriminatedUnion(branches, schemas);
    if (union !== undefined) {
      delete out[keyword];
      out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), union];
    }
  }
  return out;
}

const SCHEMA_REF_PREFIX = "#/components/schemas/";
const SCHEMA_ID_PREFIX = "https://discord.test/schemas/";
const addedSchemas = new Set<string>();

/** Points `#/components/schemas/X` references at the separately registered schema X. */
function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF_PREFIX)
        ? `${SCHEMA_ID_PREFIX}${value.slice(SCHEMA_REF_PREFIX.length)}`
        : rebaseRefs(value);
  }
  return out;
}

function collectRefs(node: unknown, schemas: Record<string, unknown>, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, schemas, found);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF_PREFIX)) {
      const name = value.slice(SCHEMA_REF_PREFIX.length);
      if (!found.has(name)) {
        found.add(name);
        collectRefs(schemas[name], schemas, found);
      }
    } else {
      collectRefs(value, schemas, found);
    }
  }
}

/**
 * Prepares a body schema for ajv, registering (once, shared by all operations) only the
 * component schemas it reaches, so that loading stays fast although the spec is large.
 */
function bodySchema(schema: unknown): JsonObject {
  const schemas = loadSpec().components.schemas;
  const reachable = new Set<string>();
  collectRefs(schema, schemas, reachable);
  const instance = ajv();
  for (const name of reachable) {
    if (addedSchemas.has(name)) continue;
    const prepared = rebaseRefs(prepareSchema(schemas[name], schemas));
    instance.addSchema({
      ...(isObject(prepared) ? prepared : {}),
      $id: `${SCHEMA_ID_PREFIX}${name}`,
    });
    addedSchemas.add(name);
  }
  const root = rebaseRefs(prepareSchema(schema, schemas));
  return isObject(root) ? root : {};
}

function ajv(): Ajv2020 {
  if (ajvCache !== undefined) return ajvCache;
  // No code optimisation and no inlined refs: compiling is what costs time here, not validating.
  const instance = new Ajv2020({
    strict: false,
    allErrors: true,
    inlineRefs: false,
    code: { optimize: false },
  });
  addFormats.default(instance);
  instance.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
  instance.addFormat("nonce", { type: "string", validate: () => true });
  instance.addKeyword("x-discord-union");
  ajvCache = instance;
  return instance;
}

function validatorFor(operation: SpecOperation): ValidateFunction | null {
  const cached = validators.get(operation.operationId);
  if (cached !== undefined) return cached;
  const route = routes().find((entry) => entry.operationId === operation.operationId);
  const schema = route?.operation.requestBody?.content?.["application/json"]?.schema;
  const validator = schema === undefined ? null : ajv().compile(bodySchema(schema));
  validators.set(operation.operationId, validator);
  return validator;
}

// ---------------------------------------------------------------------------------------------
// Error formatting.

function pointerToPath(pointer: string): string {
  let out = "body";
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return out;
}

function valueAt(body: unknown, pointer: string): unknown {
  let current = body;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isNoise(error: ErrorObject): boolean {
  return (
    error.keyword === "oneOf" ||
    error.keyword === "anyOf" ||
    error.keyword === "if" ||
    (error.keyword === "type" && error.params.type === "null")
  );
}

function describeError(error: ErrorObject, body: unknown): string {
  const where = pointerToPath(error.instancePath);
  const actual = valueAt(body, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return `${where} must be one of ${allowed.map(preview).join(", ")} (got ${preview(actual)})`;
    }
    case "const":
      return `${where} must be ${preview(params.allowedValue)} (got ${preview(actual)})`;
    case "type":
    case "format":
    case "pattern":
    case "minimum":
    case "maximum":
      return `${where} ${error.message ?? "is invalid"} (got ${preview(actual)})`;
    case "maxLength":
    case "minLength":
      return `${where} ${error.message ?? "has a bad length"} (has ${typeof actual === "string" ? [...actual].length : "?"})`;
    case "maxItems":
    case "minItems":
      return `${where} ${error.message ?? "has a bad size"} (has ${Array.isArray(actual) ? actual.length : "?"})`;
    default:
      return `${where} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

function formatErrors(errors: ErrorObject[], body: unknown): string[] {
  const specific = errors.filter((error) => !isNoise(error));
  const chosen = specific.length > 0 ? specific : errors;
  return [...new Set(chosen.map((error) => describeError(error, body)))];
}

/**
 * Validates a JSON request body against the requestBody schema of the matching operation in
 * Discord's OpenAPI spec; returns readable problems (empty when valid).
 */
export function validateRequestBody(method: string, path: string, body: unknown): string[] {
  const operation = findOperation(method, path);
  if (operation === undefined) {
    return [`${method.toUpperCase()} ${path} is not a route of Discord's HTTP API`];
  }
  const validator = validatorFor(operation);
  if (validator === null) return [];
  const route = routes().find((entry) => entry.operationId === operation.operationId);
  if (body === undefined) {
    return route?.operation.requestBody?.required ? ["body is required but missing"] : [];
  }
  if (validator(body)) return [];
  return formatErrors(validator.errors ?? [], body).map(
    (problem) => `${problem} [spec: ${operation.operationId}]`,
  );
}

// ---------------------------------------------------------------------------------------------
// Documented limits.

/** Discord's documented limits that {@link checkLimits} enforces. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotalCharacters: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  actionRows: 5,
  componentsPerRow: 5,
  componentsV2Total: 40,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  commandTotalCharacters: 4000,
  chatInputCommands: 100,
  contextMenuCommands: 15,
  modalTitle: 45,
} as const;

/** Discord's documented pattern for CHAT_INPUT command and option names. */
export const COMMAND_NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const IS_COMPONENTS_V2 = 1 << 15;
const MESSAGE_OPERATIONS = new Set([
  "execute_webhook",
  "update_original_webhook_message",
  "update_webhook_message",
  "create_message",
  "update_message",
]);
const COMMAND_LIST_OPERATIONS = new Set([
  "bulk_set_application_commands",
  "bulk_set_guild_application_commands",
]);
const COMMAND_OPERATIONS = new Set([
  "create_application_command",
  "create_guild_application_command",
  "update_application_command",
  "update_guild_application_command",
]);

function length(value: unknown): number {
  return typeof value === "string" ? [...value].length : 0;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function checkMax(problems: string[], where: string, value: unknown, max: number): void {
  const size = length(value);
  if (size > max) problems.push(`${where} is ${size} characters (max ${max})`);
}

function checkRange(problems: string[], where: string, value: unknown, min: number, max: number) {
  if (typeof value !== "string") {
    problems.push(`${where} must be a string of ${min}-${max} characters`);
    return;
  }
  const size = length(value);
  if (size < min || size > max) {
    problems.push(`${where} is ${size} characters (must be ${min}-${max})`);
  }
}

function checkEmbeds(problems: string[], where: string, embeds: unknown): void {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > LIMITS.embedsPerMessage) {
    problems.push(`${where}.embeds has ${embeds.length} embeds (max ${LIMITS.embedsPerMessage})`);
  }
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    if (!isObject(embed)) continue;
    const at = `${where}.embeds[${index}]`;
    checkMax(problems, `${at}.title`, embed.title, LIMITS.embedTitle);
    checkMax(problems, `${at}.description`, embed.description, LIMITS.embedDescription);
    total += length(embed.title) + length(embed.description);
    const fields = asArray(embed.fields);
    if (fields.length > LIMITS.embedFields) {
      problems.push(`${at}.fields has ${fields.length} fields (max ${LIMITS.embedFields})`);
    }
    for (const [fieldIndex, field] of fields.entries()) {
      if (!isObject(field)) continue;
      const fieldAt = `${at}.fields[${fieldIndex}]`;
      checkRange(problems, `${fieldAt}.name`, field.name, 1, LIMITS.embedFieldName);
      checkRange(problems, `${fieldAt}.value`, field.value, 1, LIMITS.embedFieldValue);
      total += length(field.name) + length(field.value);
    }
    if (isObject(embed.footer)) {
      checkMax(problems, `${at}.footer.text`, embed.footer.text, LIMITS.embedFooterText);
      total += length(embed.footer.text);
    }
    if (isObject(embed.author)) {
      checkMax(problems, `${at}.author.name`, embed.author.name, LIMITS.embedAuthorName);
      total += length(embed.author.name);
    }
  }
  if (total > LIMITS.embedTotalCharacters) {
    problems.push(
      `${where}.embeds hold ${total} characters of text in total (max ${LIMITS.embedTotalCharacters})`,
    );
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function checkInteractive(
  problems: string[],
  at: string,
  component: JsonObject,
  customIds: Map<string, string>,
): void {
  if (typeof component.custom_id === "string") {
    checkRange(problems, `${at}.custom_id`, component.custom_id, 1, LIMITS.customId);
    const earlier = customIds.get(component.custom_id);
    if (earlier !== undefined) {
      problems.push(`${at}.custom_id ${preview(component.custom_id)} duplicates ${earlier}`);
    } else {
      customIds.set(component.custom_id, at);
    }
  }
  if (component.type === 2) {
    checkMax(problems, `${at}.label`, component.label, LIMITS.buttonLabel);
    const style = component.style;
    if (style === 5) {
      if (typeof component.url !== "string") problems.push(`${at} is a link button without url`);
      if (component.custom_id !== undefined && component.custom_id !== null) {
        problems.push(`${at} is a link button and must not have a custom_id`);
      }
    } else if (style !== 6 && typeof component.custom_id !== "string") {
      problems.push(`${at} is a button of style ${preview(style)} without custom_id`);
    }
  }
  if (typeof component.type === "number" && SELECT_TYPES.has(component.type)) {
    checkMax(problems, `${at}.placeholder`, component.placeholder, LIMITS.selectPlaceholder);
    const options = asArray(component.options);
    if (options.length > LIMITS.selectOptions) {
      problems.push(`${at}.options has ${options.length} options (max ${LIMITS.selectOptions})`);
    }
    for (const [index, option] of options.entries()) {
      if (!isObject(option)) continue;
      const optionAt = `${at}.options[${index}]`;
      checkRange(problems, `${optionAt}.label`, option.label, 1, LIMITS.selectOptionText);
      checkRange(problems, `${optionAt}.value`, option.value, 1, LIMITS.selectOptionText);
      checkMax(problems, `${optionAt}.description`, option.description, LIMITS.selectOptionText);
    }
  }
}

function walkComponents(
  problems: string[],
  at: string,
  components: unknown[],
  customIds: Map<string, string>,
  count: { total: number },
): void {
  for (const [index, component] of components.entries()) {
    if (!isObject(component)) continue;
    count.total += 1;
    const componentAt = `${at}[${index}]`;
    checkInteractive(problems, componentAt, component, customIds);
    if (Array.isArray(component.components)) {
      walkComponents(problems, `${componentAt}.components`, component.components, customIds, count);
    }
    if (isObject(component.accessory)) {
      walkComponents(problems, `${componentAt}.accessory`, [component.accessory], customIds, count);
    }
  }
}

function checkComponents(problems: string[], where: string, message: JsonObject): void {
  if (!Array.isArray(message.components)) return;
  const components = message.components;
  const customIds = new Map<string, string>();
  const count = { total: 0 };
  const flags = typeof message.flags === "number" ? message.flags : 0;
  if ((flags & IS_COMPONENTS_V2) === 0) {
    if (components.length > LIMITS.actionRows) {
      problems.push(
        `${where}.components has ${components.length} action rows (max ${LIMITS.actionRows})`,
      );
    }
    for (const [index, row] of components.entries()) {
      if (!isObject(row)) continue;
      const rowAt = `${where}.components[${index}]`;
      if (row.type !== 1) {
        problems.push(
          `${rowAt} is a top-level component of type ${preview(row.type)}, but without the IS_COMPONENTS_V2 flag only action rows (type 1) are allowed`,
        );
      }
      const children = asArray(row.components);
      if (children.length > LIMITS.componentsPerRow) {
        problems.push(
          `${rowAt}.components has ${children.length} components (max ${LIMITS.componentsPerRow})`,
        );
      }
      const hasSelect = children.some(
        (child) =>
          isObject(child) && typeof child.type === "number" && SELECT_TYPES.has(child.type),
      );
      if (hasSelect && children.length > 1) {
        problems.push(`${rowAt} holds a select menu, so it must hold nothing else`);
      }
    }
  }
  walkComponents(problems, `${where}.components`, components, customIds, count);
  if ((flags & IS_COMPONENTS_V2) !== 0 && count.total > LIMITS.componentsV2Total) {
    problems.push(
      `${where}.components has ${count.total} components in total (max ${LIMITS.componentsV2Total})`,
    );
  }
}

/** Checks one message body (content, embeds, components) against Discord's documented limits. */
export function checkMessageLimits(message: unknown, where = "body"): string[] {
  if (!isObject(message)) return [];
  const problems: string[] = [];
  checkMax(problems, `${where}.content`, message.content, LIMITS.content);
  checkEmbeds(problems, where, message.embeds);
  checkComponents(problems, where, message);
  return problems;
}

function checkChoices(problems: string[], where: string, choices: unknown): void {
  const list = asArray(choices);
  if (list.length > LIMITS.autocompleteChoices) {
    problems.push(`${where} has ${list.length} choices (max ${LIMITS.autocompleteChoices})`);
  }
  for (const [index, choice] of list.entries()) {
    if (!isObject(choice)) continue;
    const at = `${where}[${index}]`;
    checkRange(problems, `${at}.name`, choice.name, 1, LIMITS.choiceName);
    if (typeof choice.value === "string") {
      checkMax(problems, `${at}.value`, choice.value, LIMITS.choiceStringValue);
    } else if (typeof choice.value !== "number") {
      problems.push(`${at}.value must be a string or a number`);
    }
  }
}

function checkName(problems: string[], where: string, name: unknown, chatInput: boolean): void {
  if (typeof name !== "string") {
    problems.push(`${where} must be a string`);
    return;
  }
  if (!chatInput) {
    checkRange(problems, where, name, 1, LIMITS.commandName);
    return;
  }
  if (!COMMAND_NAME_PATTERN.test(name)) {
    problems.push(`${where} ${preview(name)} does not match ${COMMAND_NAME_PATTERN}`);
  }
  if (name !== name.toLowerCase()) {
    problems.push(`${where} ${preview(name)} must be lower-case`);
  }
}

function checkLocalizations(
  where: string,
  map: unknown,
  check: (at: string, value: unknown) => void,
): void {
  if (!isObject(map)) return;
  for (const [locale, value] of Object.entries(map)) check(`${where}.${locale}`, value);
}

function countOptionCharacters(options: unknown[]): number {
  let total = 0;
  for (const option of options) {
    if (!isObject(option)) continue;
    total += length(option.name) + length(option.description);
    for (const choice of asArray(option.choices)) {
      if (!isObject(choice)) continue;
      total += length(choice.name) + length(typeof choice.value === "string" ? choice.value : "");
    }
    total += countOptionCharacters(asArray(option.options));
  }
  return total;
}

function checkOptions(problems: string[], where: string, options: unknown, depth: number): void {
  const list = asArray(options);
  if (list.length > LIMITS.commandOptions) {
    problems.push(`${where} has ${list.length} options (max ${LIMITS.commandOptions})`);
  }
  const names = new Set<string>();
  let sawOptional = false;
  let sawSubcommand = false;
  let sawValue = false;
  for (const [index, option] of list.entries()) {
    if (!isObject(option)) continue;
    const at = `${where}[${index}]`;
    checkName(problems, `${at}.name`, option.name, true);
    checkLocalizations(`${at}.name_localizations`, option.name_localizations, (l, v) =>
      checkName(problems, l, v, true),
    );
    checkRange(problems, `${at}.description`, option.description, 1, LIMITS.commandDescription);
    checkLocalizations(
      `${at}.description_localizations`,
      option.description_localizations,
      (l, v) => checkRange(problems, l, v, 1, LIMITS.commandDescription),
    );
    if (typeof option.name === "string") {
      if (names.has(option.name)) problems.push(`${at}.name ${preview(option.name)} is repeated`);
      names.add(option.name);
    }
    const isSubcommand = option.type === 1 || option.type === 2;
    if (isSubcommand) {
      sawSubcommand = true;
      if (option.type === 2 && depth > 0) {
        problems.push(`${at} is a subcommand group nested inside a group or subcommand`);
      }
      if (option.type === 1 && depth > 1) problems.push(`${at} is nested too deeply`);
      if (option.type === 2) {
        for (const [childIndex, child] of asArray(option.options).entries()) {
          if (isObject(child) && child.type !== 1) {
            problems.push(`${at}.options[${childIndex}] must be a subcommand inside a group`);
          }
        }
      }
      checkOptions(problems, `${at}.options`, option.options, depth + 1);
      continue;
    }
    sawValue = true;
    if (option.required === true && sawOptional) {
      problems.push(`${at} is required but comes after an optional option`);
    }
    if (option.required !== true) sawOptional = true;
    if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length) {
      problems.push(`${at} sets both autocomplete and choices`);
    }
    if (option.choices !== undefined && option.choices !== null) {
      checkChoices(problems, `${at}.choices`, option.choices);
    }
  }
  if (sawSubcommand && sawValue) {
    problems.push(`${where} mixes subcommands with plain options`);
  }
}

function checkCommand(problems: string[], where: string, command: unknown, partial: boolean): void {
  if (!isObject(command)) return;
  const type = command.type ?? 1;
  const chatInput = type === 1;
  if (command.name !== undefined || !partial) {
    checkName(problems, `${where}.name`, command.name, chatInput);
  }
  checkLocalizations(`${where}.name_localizations`, command.name_localizations, (l, v) =>
    checkName(problems, l, v, chatInput),
  );
  if (chatInput) {
    if (command.description !== undefined || !partial) {
      checkRange(
        problems,
        `${where}.description`,
        command.description,
        1,
        LIMITS.commandDescription,
      );
    }
    checkLocalizations(
      `${where}.description_localizations`,
      command.description_localizations,
      (l, v) => checkRange(problems, l, v, 1, LIMITS.commandDescription),
    );
    checkOptions(problems, `${where}.options`, command.options, 0);
    const total =
      length(command.name) +
      length(command.description) +
      countOptionCharacters(asArray(command.options));
    if (total > LIMITS.commandTotalCharacters) {
      problems.push(
        `${where} has ${total} characters of names, descriptions and choices (max ${LIMITS.commandTotalCharacters})`,
      );
    }
  } else if (typeof command.description === "string" && command.description !== "") {
    problems.push(`${where}.description must be empty for a context-menu command`);
  }
}

function checkCommandList(problems: string[], commands: unknown): void {
  const list = asArray(commands);
  const seen = new Map<string, number>();
  const perType = new Map<number, number>();
  for (const [index, command] of list.entries()) {
    checkCommand(problems, `body[${index}]`, command, false);
    if (!isObject(command)) continue;
    const type = typeof command.type === "number" ? command.type : 1;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const key = `${type}:${String(command.name)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(
        `body[${index}].name ${preview(command.name)} repeats body[${earlier}] (names must be unique per type)`,
      );
    } else {
      seen.set(key, index);
    }
  }
  const chatInput = perType.get(1) ?? 0;
  if (chatInput > LIMITS.chatInputCommands) {
    problems.push(`${chatInput} chat-input commands (max ${LIMITS.chatInputCommands})`);
  }
  for (const type of [2, 3]) {
    const count = perType.get(type) ?? 0;
    if (count > LIMITS.contextMenuCommands) {
      problems.push(`${count} commands of type ${type} (max ${LIMITS.contextMenuCommands})`);
    }
  }
}

function checkCallback(problems: string[], body: JsonObject): void {
  const data = body.data;
  switch (body.type) {
    case 4:
    case 7:
      problems.push(...checkMessageLimits(data, "body.data"));
      break;
    case 8:
      if (!isObject(data)) break;
      checkChoices(problems, "body.data.choices", data.choices);
      break;
    case 9:
      if (!isObject(data)) break;
      checkRange(problems, "body.data.title", data.title, 1, LIMITS.modalTitle);
      checkRange(problems, "body.data.custom_id", data.custom_id, 1, LIMITS.customId);
      if (asArray(data.components).length > LIMITS.actionRows) {
        problems.push(`body.data.components has more than ${LIMITS.actionRows} components`);
      }
      break;
    default:
      break;
  }
}

/**
 * Checks a request body against Discord's documented limits (message content and embeds,
 * components, autocomplete choices, command registration); returns problems, empty when fine.
 */
export function checkLimits(method: string, path: string, body: unknown): string[] {
  const operation = findOperation(method, path);
  if (operation === undefined) return [];
  const problems: string[] = [];
  const id = operation.operationId;
  if (id === "create_interaction_response") {
    if (isObject(body)) checkCallback(problems, body);
  } else if (MESSAGE_OPERATIONS.has(id)) {
    problems.push(...checkMessageLimits(body));
  } else if (COMMAND_LIST_OPERATIONS.has(id)) {
    checkCommandList(problems, body);
  } else if (COMMAND_OPERATIONS.has(id)) {
    checkCommand(problems, "body", body, id.startsWith("update_"));
  }
  return problems;
}

/** Returns the message a request body would create or edit, or undefined when it carries none. */
export function messageInBody(
  method: string,
  path: string,
  body: unknown,
): Record<string, unknown> | undefined {
  const operation = findOperation(method, path);
  if (operation === undefined || !isObject(body)) return undefined;
  if (operation.operationId === "create_interaction_response") {
    return (body.type === 4 || body.type === 7) && isObject(body.data) ? body.data : undefined;
  }
  return MESSAGE_OPERATIONS.has(operation.operationId) ? body : undefined;
}

/**
 * Checks that a message body sets `allowed_mentions` with `parse: []` (and no roles or replied
 * user, and no users but those in `pings`, whom the test expects to be pinged), so the bot can
 * never ping anyone else; returns problems, empty when it cannot.
 */
export function checkAllowedMentions(
  method: string,
  path: string,
  body: unknown,
  pings: readonly string[] = [],
): string[] {
  const message = messageInBody(method, path, body);
  if (message === undefined) return [];
  const where = path.split("?")[0]?.includes("/callback") ? "body.data" : "body";
  const mentions = message.allowed_mentions;
  if (!isObject(mentions)) {
    return [
      `${where}.allowed_mentions is not set, so Discord would parse @everyone, role and user mentions (set allowed_mentions: { parse: [] })`,
    ];
  }
  const problems: string[] = [];
  if (!Array.isArray(mentions.parse) || mentions.parse.length > 0) {
    problems.push(
      `${where}.allowed_mentions.parse is ${preview(mentions.parse)}, expected [] so nothing is parsed`,
    );
  }
  const roles = mentions.roles;
  if (Array.isArray(roles) && roles.length > 0) {
    problems.push(`${where}.allowed_mentions.roles lists ${roles.length} to ping, expected none`);
  }
  const users = Array.isArray(mentions.users) ? mentions.users : [];
  const unexpected = users.filter((user) => typeof user !== "string" || !pings.includes(user));
  if (unexpected.length > 0) {
    problems.push(
      `${where}.allowed_mentions.users lets ${preview(unexpected)} be pinged, expected ${pings.length === 0 ? "none" : preview(pings)}`,
    );
  }
  if (mentions.replied_user === true) {
    problems.push(
      `${where}.allowed_mentions.replied_user is true, so the replied-to user is pinged`,
    );
  }
  return problems;
}
