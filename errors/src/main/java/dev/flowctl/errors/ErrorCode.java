package dev.flowctl.errors;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every error a user can meet, with a code that never changes once published ({@code FLOWCTL-E0201}),
 * so a script, a doc page or a support answer can name it (Flyway's ErrorCode). Numbers are grouped by
 * area: 01xx flows.yaml, 02xx state, 03xx engine, 04xx plan and apply, 05xx codegen, 06xx runs and the
 * gateway, 07xx drift (findings, not failures), 09xx calling flowctl. A code is never renumbered or reused: a retired one stays here with
 * "(retired)" in its title, and {@code codes.txt} beside the tests holds every number ever published.
 * docs/troubleshooting.md is generated from this list.
 */
public enum ErrorCode {
    SPEC_INVALID(101, "flows.yaml is not valid: every problem as `flows.yaml:LINE:COLUMN: … [FLOWCTL-E01NN]`, then `N problems found; …`",
            "Fix each problem at the position shown; its own code (FLOWCTL-E0107 to E0121 below) says what kind it is and how to fix it. "
                    + "`flowctl validate` lists them all without touching state or engine."),
    SPEC_NOT_FOUND(102, "`/abs/path/flows.yaml: no such file; …` / `… is a directory, not a flows.yaml; …`",
            "The message names the absolute path looked at and any flows.yaml nearby: pass `-f path/to/flows.yaml`."),
    SPEC_UNREADABLE(103, "`cannot be read as UTF-8 text (…)` / `is larger than … characters (64 Mi), the most flowctl reads; …`",
            "Save the file as UTF-8; keep large content in the files flows.yaml names."),
    SOURCE_PARAMETERS_MISMATCH(104, "`flows/x.py:LINE:COLUMN: …` — a Metaflow source does not declare the Parameters its version's inputs say",
            "Make the flow's `Parameter(...)` declarations and the version's `inputs:` agree, as the message says."),
    UNKNOWN_ENVIRONMENT(105, "`unknown environment '…'; flows.yaml declares: dev, prod.`",
            "`-e` must name a key under `environments:`."),
    ENVIRONMENTS_COLLIDE(106, "`environments '…' and '…' both keep their state at …` / `… would deploy under the same names …`",
            "Give each environment its own state key and engine names, so one never overwrites the other."),

    SPEC_YAML_INVALID(107, "`invalid YAML: …` / `the file is empty; …`",
            "A syntax error at the position shown: indentation, an unclosed `[` or `{`, a tab. Quote values containing `:`, `#`, "
                    + "`<` at the start, e.g. `'map<string,int>'`. An empty file needs `project: <name>` and a `flows:` mapping."),
    SPEC_UNKNOWN_KEY(108, "`unknown key '…' in ….` (maybe with `Did you mean '…'?` or the allowed keys)",
            "A typo or a key that does not exist at that level; the schema in your editor shows the allowed keys."),
    SPEC_WRONG_SHAPE(109, "`… must be a mapping of key: value, not …` / `… must be a single value, not …` / `… must be true or false, not …` "
            + "/ `keys in … must be plain names, not …` / `'values' of … must be a non-empty list such as [fast, full].`",
            "The value at that position has the wrong shape: give a mapping, a single value, true or false, or a list as the message says."),
    SPEC_MISSING_KEY(110, "`missing 'project: <name>' …` / `missing 'flows:' …` / `flow '…' has no 'versions:'; …` / "
            + "`version '…@…' has no 'source:'; …` / `… has no 'type:'; …` / `type '…' has no 'base:'; …`",
            "Add the key. A flow needs at least one version (to delete all of a flow, remove the flow); `source:` may be set "
                    + "once on the flow; every input needs a `type`; a custom type names the built-in `base` it narrows."),
    SPEC_INVALID_NAME(111, "`invalid project name '…'` / `invalid flow name '…'` / `invalid version name '…'` / `invalid input name '…'` / "
            + "`invalid enum value '…'` / `type name '…' is built in; …`",
            "Names are lowercase snake_case starting with a letter, as the message states for each kind (they become deployed "
                    + "names, proto fields and enum constants); a custom type may not reuse a built-in type's name."),
    SPEC_DUPLICATE(112, "`duplicate key '…' in …; remove one of them.` / `input '…' differs from another input only by case; …` / "
            + "`enum value '…' of … is listed twice …`",
            "YAML keeps only one of two equal keys, so flowctl refuses both; names that differ only by case would clash in "
                    + "generated code. Remove or rename one."),
    SPEC_TYPE_INVALID(113, "`type '…' of … is invalid: unknown type '…'; …` / `… map keys must be string …` / `… expected '>' at position N` / "
            + "`… an enum needs 'values:' …` / `… a struct needs 'fields:' …` / `base '…' of type '…' must be one of …`",
            "Use a built-in type or a name declared under `types:`; fix the type expression's brackets; maps have string keys; "
                    + "an enum needs its values and a struct its fields; a custom type's base is string, int, float, date or timestamp."),
    SPEC_KEY_NOT_FOR_TYPE(114, "`'values' applies only to enum inputs; …` / `'fields' applies only to struct inputs; …` / "
            + "`'pattern' applies only to base: string; …` / `'min' applies only to base: int or float; …`",
            "Remove the key or change the type."),
    SPEC_PATTERN_INVALID(115, "`pattern of type '…' is not a valid regular expression: …` / `… uses …, which flowctl does not accept …`",
            "Fix the pattern: it is an RE2 regular expression, checked the same way by flowctl, the gateway and generated code."),
    SPEC_DEFAULT_INVALID(116, "`default of … is empty; …` / `default of … …` (not in the enum, does not match the pattern, out of bounds, "
            + "not a date) / `… is required and has a default; …`",
            "Make the default a valid value of the input's type, or remove it; an input with a default is optional, so drop "
                    + "`required: true` or the default."),
    SPEC_BOUNDS_INVALID(117, "`'min' of type '…' must be a number, …` / `type '…' has min … above max ….`",
            "Give `min` and `max` as numbers, with min at most max."),
    SPEC_UNKNOWN_VALUE(118, "`unknown compatibility mode '…'. Use one of: …` / `unknown state backend '…'; use one of …`",
            "Use one of the values the message lists."),
    SPEC_PATH_NOT_FOUND(119, "`source '…' does not exist (looked for …); …` / `source is empty; …` / `source '…' is not a valid path.`",
            "Paths are relative to the directory of flows.yaml, not the working directory: fix the path."),
    SPEC_PATH_REFUSED(120, "`source '…' is outside the repository (…); …` / `… links outside the repository; …` / "
            + "`… contains flows.yaml itself …` / `… is not a regular file …` / `… cannot be read …`",
            "Flow code must live in the repository that holds flows.yaml (found by `.git`), in regular files flowctl can read, "
                    + "apart from flows.yaml and `.flowctl/`: fix the path, the link or the permissions."),
    SPEC_TOO_LARGE(121, "`… has N inputs, above the limit of …` / `… lists N values, above the limit …` / `line N is longer than … characters; …`",
            "Split the version's inputs (e.g. into a struct) or the enum; keep large content in files that flows.yaml names."),
    SPEC_INCLUDE_INVALID(123, "`include '…' matches no file; …` / `'state' may only be set in the root flows.yaml …` / "
            + "`include: may only be used in the root flows.yaml …` / `include: matches N files, above the limit of …`",
            "An included file holds only `flows:`; project, state, engine, environments, types and include stay in the root "
                    + "flows.yaml. Fix the glob or move the key; see flows-yaml.md (include)."),

    SPEC_REFACTORING_INVALID(122, "`moved: from 'a@v1' is still declared in flows.yaml; …` / `moved: to … is not declared …` / `moved: … chain …` / `moved: to … is already in state …` / `removed: … is still declared …`",
            "`moved:` renames what state records, `removed:` forgets it: each entry names something state had and "
                    + "flows.yaml no longer declares (operations.md, Refactoring)."),

    STATE_FAILED(200, "`cannot read state …` / `cannot write state …` / `cannot take the lock …` / an S3 error",
            "File system permissions, a missing directory, or S3 access (credentials, bucket policy, network); "
                    + "the message says which. See state.md."),
    STATE_LOCKED(201, "`state is locked by … since … (operation apply, lock ID …); if that run is dead, run: flowctl force-unlock ID`",
            "Another apply is running: wait, or give `--lock-timeout 5m`. If that run was killed, check nobody is applying "
                    + "and run the `force-unlock` command shown. See state.md."),
    STATE_CONFLICT(202, "`state … changed since it was read; nothing was written. Run the command again.`",
            "Another writer got in between; run the command again."),
    STATE_DAMAGED(203, "`state at … is not valid JSON (…)` / `… is damaged (…)` / `lock at … is not readable (…)`",
            "Restore the previous version (S3 bucket versioning, `flowctl state history`, or your backup); flowctl will not "
                    + "overwrite it. A damaged lock: if no run is active, delete it."),
    STATE_NOT_FLOWCTL(204, "`state at … is not a flowctl state file (no formatVersion); …`",
            "`--state` or `state:` points at some other file: point it at the right one."),
    STATE_TOO_NEW(205, "`state at … has format N, written by a newer flowctl (…); upgrade flowctl to read it.`",
            "Someone applied with a newer flowctl; upgrade (state is never downgraded)."),
    STATE_OTHER_OWNER(206, "`state at … belongs to project '…', not '…'` / `… belongs to environment …` / another lineage",
            "The state location belongs to another project or environment: check `-e`, `--state` and `state:` in flows.yaml."),
    STATE_LOCK_ID_MISMATCH(207, "`the lock on … has ID …, not …` / `state … is not locked; nothing to unlock.` / held by a running process",
            "`force-unlock` needs the exact ID from the lock message, and never breaks the lock of a live run."),
    STATE_LOCATION_INVALID(208, "`unknown state backend '…'` / `--state … is not a state location flowctl knows` / S3 bucket or key missing",
            "Use `local` or `s3`, and write S3 locations as `s3://BUCKET/KEY`. See state.md."),
    STATE_NO_HISTORY(209, "`state … keeps no history.` / `bucket '…' keeps no history because versioning is off; …`",
            "Local history lives in `.flowctl/history/`; for S3, enable bucket versioning."),
    STATE_UNRECORDED_DEPLOYMENTS(210, "`deployed, but not recorded in state (…); check the state backend, then run plan: …`",
            "An earlier apply deployed versions whose state write failed. Fix access to the state backend first; plan "
                    + "then shows what state lacks, and `flowctl drift` lists such a version as live but not in state."),
    STATE_EMPTY(211, "`no state at … yet: nothing has been applied.`",
            "Run `flowctl apply` first, or check `-e` and `--state`."),
    STATE_ADDRESS_NOT_FOUND(212, "`F@V is not in state at …; nothing to forget.` / `--replace F@V: F@V is not in state …`",
            "`flowctl state rm` and `apply --replace` act only on versions state records: `flowctl show` lists them."),

    ENGINE_FAILED(300, "an engine refused or failed an action (`local engine cannot deploy …`, `Step Functions failed to …`, …)",
            "The message names the engine's reason; fix it and run apply again: state records every finished action. "
                    + "See engines.md."),
    ENGINE_UNKNOWN_TYPE(301, "`unknown engine type '…' in …; use one of …`",
            "Use an engine this build supports (see engines.md)."),
    ENGINE_SETTINGS_INVALID(302, "`engine setting '…' in … is not used by the … engine` / a missing or malformed engine setting or command",
            "Fix the `engine:` block of flows.yaml as the message says (engines.md lists every setting)."),
    ENGINE_NOT_OWNED(303, "`cannot create …: … already exists and was not created by flowctl for …` / `refusing to update or delete …`",
            "flowctl changes only what it created for this project and environment. Rename the version, or adopt the "
                    + "object with `flowctl import` after checking it."),
    ENGINE_ACCESS_DENIED(304, "`access denied when trying to …` / `AWS did not accept the credentials …` / `cannot use role …`",
            "Grant the identity flowctl runs as the permissions named (engines.md lists them), or fix the credentials."),
    ENGINE_UNREACHABLE(305, "`cannot reach Step Functions to …` / `Step Functions did not answer in time to …`",
            "Check the network, region and endpoint; then run the command again."),
    ENGINE_DEFINITION_INVALID(306, "`… has no definition` / `the definition … is not a state machine` / `Step Functions rejected the definition of …`",
            "Fix the version's `definition:` file as the message says."),
    ENGINE_IMPORT_MISMATCH(307, "`'…' does not match F@V in flows.yaml: …` / `there is no state machine …` / `… is managed by flowctl for project …`",
            "`flowctl import` adopts only an object that matches the version in flows.yaml: fix flows.yaml or the reference."),

    PLAN_BLOCKED(401, "`plan blocked by N breaking change(s); it cannot be applied.` / `the plan is blocked by N compatibility violation(s) …`",
            "Each violation names the input, the rule ID and the fix: publish a new version beside the old one, move "
                    + "callers, then delete the old one (rollout.md). The rules are in compatibility.md."),
    PLAN_STALE(402, "`state changed since this plan was made: serial 41 → 43; run plan again.`",
            "Someone applied after the plan was made. Plan again and review the new plan."),
    PLAN_OTHER_STATE(403, "`this plan was made against state lineage …` / `… was made for environment 'dev', not …` / `… for project '…'`",
            "A saved plan belongs to one project, environment and state: apply it there, or plan against this one."),
    PLAN_SOURCES_CHANGED(404, "`flows.yaml changed since plan.flowplan was made; …` / `the source flows/a.py of F@V changed since the plan was made; nothing was applied; …`",
            "A file differs from the one planned (a new commit, a local edit, an edit while apply waited for yes); "
                    + "apply deploys only what was planned: run plan again."),
    PLANFILE_MISSING(405, "`no saved plan at …; make one with 'flowctl plan -out …'.`",
            "Check the path (in CI: was the artifact downloaded?)."),
    PLANFILE_INVALID(406, "`… is not a saved flowctl plan; …` / `the saved plan … was saved by an older flowctl (format 1); …` / `… was changed after it was saved: …` / `… was saved by a newer flowctl (…)`",
            "The file is something else, truncated, edited after plan -out wrote it, or from another flowctl version "
                    + "([planfile.md](planfile.md)): plan again with this one. "
                    + "`apply flows.yaml` is answered with `flowctl apply -f flows.yaml`."),
    PLANFILE_WRITE_REFUSED(407, "`refusing to write the plan to …: …` / `cannot write the plan to … (…)`",
            "`plan -out` overwrites only an earlier saved plan, in a writable directory: name a new file."),
    APPLY_NEEDS_CONFIRMATION(408, "`apply needs confirmation but there is no terminal to ask on; …`",
            "In CI or a pipe nobody can type `yes`: pass `--auto-approve`, or apply a reviewed saved plan "
                    + "(`flowctl apply plan.flowplan`), which needs no prompt."),
    APPLY_INCOMPLETE(409, "`Apply incomplete: N created, N updated, N deleted; F failed, S not started. …`",
            "Each failed version is listed with the engine's message and its own code. Everything that finished is in "
                    + "state; fixing the cause and running apply again deploys only what is left."),
    IMPORT_REFUSED(410, "`F@V is not in flows.yaml; declare it there …` / `F@V is already in state …; nothing to import.`",
            "Declare the version in flows.yaml before importing it; a version already in state needs no import."),
    DESTROY_REFUSED(420, "`destroy removes every deployment of environment '…'; it is not a preview environment, so pass --force …`",
            "destroy is meant for preview environments made from a template (`template: true`); for a declared environment "
                    + "(prod, stage) it needs `--force`, on purpose."),
    PROMOTION_MISMATCH(421, "`stage runs F@V with source sha256:…, but the working copy has sha256:…; …`",
            "A promotion deploys what the source environment runs, from the working copy: check out the commit the source "
                    + "environment was applied from (its files must hash as its state records), then plan again."),

    CODEGEN_FAILED(500, "a spec or flows.lock that cannot be turned into contracts",
            "The message says where and what to change. See codegen.md."),
    CODEGEN_LOCK_FROZEN(501, "`flows.lock does not pin the numbers of the current flows.yaml and the lock is frozen; …`",
            "Run `flowctl codegen` locally and commit flows.lock with the change to flows.yaml."),
    CODEGEN_LOCK_INVALID(502, "`flows.lock:LINE: …` / `flows.lock is missing, so the numbers that …` / `… has lost numbers …`",
            "Restore flows.lock from version control: it pins field numbers callers depend on."),
    CODEGEN_NUMBER_REUSED(503, "`F@V input '…' was removed before, and …`",
            "A removed input's or enum value's number is reserved for ever: give the new one another name, or a new version."),
    CODEGEN_NAME_CLASH(504, "`… and '…' have the same JSON name '…' in proto3` / `… becomes the same Python name as another …`",
            "Rename one of the inputs, fields or values the message names."),
    CODEGEN_OUTPUT_REFUSED(505, "`… is a symbolic link; codegen never writes through a link …` / `… is not a regular file …`",
            "codegen writes only regular files in real directories under its output: remove what the message names."),
    CODEGEN_UNKNOWN_LANGUAGE(506, "`unknown codegen language '…'; use one or more of …`",
            "Give `--lang` one or more of the languages listed."),

    RUN_INPUT_REFUSED(601, "`input refused: …` (the gateway: INVALID_ARGUMENT with one BadRequest field violation per field)",
            "The input does not fit the version's applied schema: fix each field named."),
    RUN_VERSION_NOT_DEPLOYED(602, "`F@V is not deployed …; deployed versions of F: …` / `… was deleted … on …`",
            "Name a deployed version (`flowctl show` lists them), or apply the version first."),
    RUN_UNKNOWN(603, "the engine knows no such run of the version",
            "Check the run ID and the version (`flowctl runs F@V` lists its runs)."),
    RUN_SETTINGS_CHANGED(604, "`the engine settings of F@V in flows.yaml are not the ones it was deployed with; …`",
            "Run apply first, so the run starts the way flows.yaml says."),
    RUN_IDEMPOTENCY_CONFLICT(605, "`idempotency key '…' already started run … of …` with another input",
            "A key names one run: use a new key for a different input."),
    RUN_NOT_SUPPORTED(606, "`the … engine cannot start or follow runs; …`",
            "See engines.md for the engines that can."),
    RUN_INPUT_FILE_INVALID(607, "`--input must be a JSON object, …` / `--input is not valid JSON (…)` / `--input …: … is not a file`",
            "Give `--input` a JSON object, or `@file` naming a JSON file of at most 16 MiB."),
    GATEWAY_CONFIG_UNSAFE(608, "`The token file … ` / TLS or listen address problems when `flowctl serve` starts",
            "Fix the option or file named; the gateway refuses to start rather than serve unsafely. See calling-flows.md."),
    GATEWAY_LISTEN_FAILED(609, "`cannot listen on HOST:PORT (…)`",
            "Another process holds the port, or the address is not local: choose another `--listen`."),

    RUN_UNAUTHENTICATED(610, "UNAUTHENTICATED: `This gateway needs a bearer token: …` / `The bearer token was not accepted: …`",
            "Send `authorization: Bearer TOKEN` with a token from the gateway's token file (calling-flows.md)."),
    RUN_PERMISSION_DENIED(611, "PERMISSION_DENIED: `The caller '…' may not start F@V: add … to that caller's entry …` / `This call carries no accepted bearer token, …`",
            "The token is valid but not granted this flow version: add it (or its owner) to the caller's entry in the token file, as the message says."),
    RUN_GATEWAY_BUSY(612, "RESOURCE_EXHAUSTED: `The gateway is at its limit of N concurrent calls: retry with backoff.`",
            "Too many calls at once: retry after a short, growing pause (the status is retryable)."),
    RUN_DEADLINE_PASSED(613, "DEADLINE_EXCEEDED: `the call's deadline passed before the run was started; nothing was started.`",
            "Give the call a longer deadline; with the same idempotency key a retry never starts a second run."),
    RUN_IDEMPOTENCY_KEY_INVALID(614, "INVALID_ARGUMENT: `metadata idempotency-key must be 1 to N characters.`",
            "Send an `idempotency-key` of the length the message says, or none."),
    DRIFT_MISSING(701, "drift: `F@V  missing: in state but not live in the engine`",
            "Someone deleted it in the engine: run apply to deploy it again, or remove the version from flows.yaml (drift.md)."),
    DRIFT_MODIFIED(702, "drift: `F@V  modified: live but changed since it was applied` with each attribute that differs",
            "Someone changed it in the engine: run apply to restore what flows.yaml says, or change flows.yaml to match (drift.md)."),
    DRIFT_UNMANAGED(703, "drift: `F@V  unmanaged: live for this project but not in state`",
            "An earlier apply deployed it but could not record it, or it was made by hand: `flowctl import` adopts it after a check (drift.md)."),

    USAGE(901, "`Error: Unknown options: …` / `Missing required parameter: …` / `unknown format 'html'; use one of …`",
            "A typo or an option the command does not have: `flowctl COMMAND --help` lists them."),
    OPTION_INVALID(902, "`--parallelism must be at least 1.` / `--lock-timeout '…' is not a duration; …` / `no completion for shell '…'`",
            "Give the option a value of the kind the message says."),
    IO_FAILED(903, "a file flowctl needs cannot be read or written (…)",
            "Check the path and permissions the message names."),
    TARGET_PATTERN(904, "`--target '…' matches no flow version in flows.yaml or state; did you mean …?` / `--exclude '…' is not a flow version pattern; …`",
            "A pattern is `flow` (all its versions) or `flow@version`, lowercase, with `*` and `?` matching within a name; "
                    + "it must select something, so a typo never plans nothing. Check the spelling against the names the message lists (operations.md)."),
    OUT_OF_MEMORY(998, "`flowctl ran out of memory; …`",
            "Give it more heap, e.g. `FLOWCTL_JAVA_OPTS=-Xmx2g ./flowctl …`."),
    INTERNAL(999, "`internal error (…); run again with --debug for the stack trace, and please report it.`",
            "A bug in flowctl: run again with `--debug` and report the stack trace.");

    private final int number;
    private final String message;
    private final String action;

    ErrorCode(int number, String message, String action) {
        this.number = number;
        this.message = message;
        this.action = action;
    }

    /** The stable, printed form: {@code FLOWCTL-E0201}. */
    public String id() {
        return String.format("FLOWCTL-E%04d", number);
    }

    public int number() {
        return number;
    }

    /** What the error looks like, as the troubleshooting page shows it ({@code …} stands for your names). */
    public String message() {
        return message;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }

    /** The code printed as {@code id}, if there is one. */
    public static Optional<ErrorCode> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }
}
