#!/usr/bin/env node
// Starts a run of a flow version through flowctl serve and follows it to its end, the way a
// service outside the JVM does it: no flowctl code, only the .proto files `flowctl codegen`
// writes, loaded at run time with @grpc/proto-loader and called with @grpc/grpc-js.
//
//   node start-and-watch.js ADDRESS PROTO_DIR FLOW_PROTO INPUT_JSON
//   node start-and-watch.js 127.0.0.1:50051 generated/proto risk/flows/fleet_features/v1/fleet_features.proto \
//       '{"fleet_id": "f-1", "output": "s3://acme/features/", "mode": "MODE_FULL"}'
//
// INPUT_JSON is the version's <Flow>Input message with its proto field names (as in flows.yaml)
// and enum constant names. Prints one JSON object a line: {"started": RunRef}, then {"run": RunInfo}
// for every state Runs/Watch reports; or {"error": {code, message, field_violations}} and exits 1
// when a call is refused (code 3, INVALID_ARGUMENT, names every offending input field).
'use strict';

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const [address, protoDir, flowProto, inputJson] = process.argv.slice(2);
if (!inputJson) {
  console.error('usage: node start-and-watch.js ADDRESS PROTO_DIR FLOW_PROTO INPUT_JSON');
  process.exit(2);
}

const LOAD_OPTIONS = { keepCase: true, longs: String, enums: String, oneofs: true, includeDirs: [protoDir] };
const definition = protoLoader.loadSync([flowProto, 'flowctl/v1/runs.proto'], LOAD_OPTIONS);
const loaded = grpc.loadPackageDefinition(definition);

// The flow's proto declares exactly one service, <package>.<Flow>Service, whose Start takes the input.
const flowService = Object.keys(definition).find(
  (name) => definition[name].Start && definition[name].Start.path.endsWith('/Start') && name !== 'flowctl.v1.Runs');
const resolve = (name) => name.split('.').reduce((scope, part) => scope[part], loaded);
const credentials = grpc.credentials.createInsecure();
const flow = new (resolve(flowService))(address, credentials);
const runs = new (resolve('flowctl.v1.Runs'))(address, credentials);

// The gateway details a refused input as google.rpc.Status carrying a google.rpc.BadRequest in
// the grpc-status-details-bin trailer; these are the few fields a client reads of them.
const rpc = protobuf.parse(`
  syntax = "proto3";
  package google.rpc;
  message Any { string type_url = 1; bytes value = 2; }
  message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
  message BadRequest {
    message FieldViolation { string field = 1; string description = 2; }
    repeated FieldViolation field_violations = 1;
  }`, { keepCase: true }).root;

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

function fail(err) {
  const violations = [];
  for (const bytes of err.metadata ? err.metadata.get('grpc-status-details-bin') : []) {
    for (const detail of rpc.lookupType('google.rpc.Status').decode(bytes).details) {
      if (detail.type_url.endsWith('/google.rpc.BadRequest')) {
        violations.push(...rpc.lookupType('google.rpc.BadRequest').decode(detail.value).field_violations
          .map((v) => ({ field: v.field, description: v.description })));
      }
    }
  }
  print({ error: { code: err.code, message: err.details, field_violations: violations } });
  flow.close();
  runs.close();
  process.exitCode = 1;
}

const deadline = (seconds) => ({ deadline: new Date(Date.now() + seconds * 1000) });

flow.Start(JSON.parse(inputJson), deadline(30), (err, ref) => {
  if (err) return fail(err);
  print({ started: ref });
  // The stream ends by itself once the run is SUCCEEDED, FAILED or CANCELLED.
  const watch = runs.Watch(ref, deadline(120));
  watch.on('data', (info) => print({ run: info }));
  watch.on('error', fail);
  watch.on('end', () => {
    flow.close();
    runs.close();
  });
});
