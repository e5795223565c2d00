#!/usr/bin/env node
// Parses every *.json card in a folder with Microsoft's own Adaptive Cards library (the pinned npm package
// adaptivecards), as a Teams client would read it: card version 1.5 and Teams' limits from teams-host-config.json.
// It catches what a JSON schema cannot: unknown element or action types, values the renderer drops, duplicate ids,
// inputs without labels, too many actions. Unknown property names are not reported by the library; the schema
// test covers those.
//
// Usage: node tools/card-check/check-cards.cjs <folder>
// Prints one JSON report on stdout: {"cards":[{"file":"x.json","events":[{"phase","event","message"}]}]}.
// Exit codes: 0 no events, 1 some card has events, 2 bad usage or unreadable input.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

// The UMD bundle runs under plain Node: parsing and validation touch no DOM (the ES module build has
// extension-less imports that Node cannot resolve).
const AC = require("adaptivecards/dist/adaptivecards.js");

const TeamsCardVersion = "1.5";

function fail(message) {
  process.stderr.write(`check-cards: ${message}\n`);
  process.exit(2);
}

function eventsOf(json, hostConfig) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);

  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }

  for (const e of card.validateProperties().validationEvents) {
    events.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }

  // The library itself accepts anything up to its own newest version (1.6); Teams renders 1.5.
  if (json.version !== TeamsCardVersion) {
    events.push({ phase: "Parse", event: "UnsupportedCardVersion", message: `version is "${json.version}"; Teams needs "${TeamsCardVersion}"` });
  }

  return events;
}

function main(args) {
  if (args.length !== 1) {
    fail("usage: node tools/card-check/check-cards.cjs <folder with *.json cards>");
  }

  const folder = args[0];
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    fail(`'${folder}' is not a folder`);
  }

  const hostConfig = new AC.HostConfig(JSON.parse(fs.readFileSync(path.join(__dirname, "teams-host-config.json"), "utf8")));
  const files = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) {
    fail(`'${folder}' holds no *.json card`);
  }

  const cards = files.map((file) => {
    let json;
    try {
      json = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
    } catch (e) {
      fail(`${file} is not JSON: ${e.message}`);
    }

    return { file, events: eventsOf(json, hostConfig) };
  });

  process.stdout.write(JSON.stringify({ cards }) + "\n");
  return cards.some((c) => c.events.length > 0) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
