#include "bridge/cli/usage.h"

#ifndef EDI_BRIDGE_VERSION
#error "EDI_BRIDGE_VERSION must be defined by the build"
#endif

namespace bridge::cli {

namespace {

constexpr std::string_view kMain =
    R"(Usage: edi-bridge <command> [options] [arguments]

edi-bridge reads, checks and writes X12 and EDIFACT interchanges, and runs
as the daemon that takes them in, acknowledges and delivers them.

Commands:
  parse FILE|-       print the structure of an EDI file as JSON
  render FILE|-      turn that JSON back into EDI
  validate FILE...   check envelopes, syntax and schemas, print the findings
  ack FILE|-         write the acknowledgements (TA1, 997, 999, CONTRL) of a file
  check-config FILE  check a daemon configuration (bridge.yaml) and what it names
  run --config FILE  run the daemon in the foreground (--once: process and exit)
  spool ACTION       list, show, trace, replay, release, retry or purge spool items
  translate FILE|-   run a mapping on a file and print what it produces
  map ACTION         check, test, reload or roll back the mapping set
  version            print the version
  help [COMMAND]     print this help, or the help of COMMAND

Options:
  -h, --help         print this help
  --version          print the version

Run 'edi-bridge <command> --help' for the options of a command.

Exit status: 0 success, 1 input rejected (an error finding, JSON that cannot
be rendered), 2 usage error, unreadable file or failed output.
)";

constexpr std::string_view kParse =
    R"(Usage: edi-bridge parse [--pretty] FILE|-

Reads an X12 or EDIFACT file (- for standard input) and prints its structure
as JSON in the edi-bridge/parse-v1 format (docs/json-format.md): interchanges,
groups, transactions and segments with their elements, components and
repetitions, and the delimiters of each interchange. The reader's findings go
to standard error, one per line, as 'validate' prints them.

Options:
  --pretty     indent the JSON for reading, one segment per line
  -h, --help   print this help

Exit status: 0 parsed, 1 the reader reported an error finding or some content
could not be placed in the JSON, 2 usage error or unreadable file.
)";

constexpr std::string_view kRender =
    R"(Usage: edi-bridge render [--line-breaks] FILE|-

Reads parse-v1 JSON (as printed by 'edi-bridge parse'; - for standard input)
and writes the EDI it describes to standard output. Segment counts and control
numbers in the trailers (SE, GE, IEA, UNT, UNE, UNZ) are computed, and missing
trailers are added. EDIFACT data is escaped with the release character; X12
data that contains a delimiter is refused. Nothing is written unless the whole
document renders.

Options:
  --line-breaks   end every segment with a line feed as well
  -h, --help      print this help

Exit status: 0 rendered, 1 the JSON cannot be rendered (the message names the
JSON pointer of the problem), 2 usage error or unreadable file.
)";

constexpr std::string_view kValidate =
    R"(Usage: edi-bridge validate [--json] [--envelope-only] [schema options] FILE...

Reads each X12 or EDIFACT file (- for standard input), checks its syntax and
envelopes (control numbers, counts, trailers, header values), checks every
transaction set or message against its schema (segment order, loops, usage,
repeats, element types, lengths, codes and relational conditions; see
docs/schema-format.md) and prints every finding, one per line:

  FILE:LINE: SEVERITY CODE: MESSAGE [segment N (TAG), element M]

A transaction set with no schema gets a warning (SCHEMA_NOT_AVAILABLE).

Options:
  --json            print a JSON array of findings instead, each an object with
                    file, severity, code, message, byteOffset, line,
                    segmentIndex, transactionSegment, segmentTag, element,
                    component, repetition, loopId, elementReference, value
  --envelope-only   check syntax and envelopes only, not the schemas
  -h, --help        print this help

Schema options:
  --schemas DIR     the schema directory (default: $EDI_BRIDGE_SCHEMAS, else
                    the shipped schemas)
  --partners DIR    partner profiles (default: $EDI_BRIDGE_PARTNERS); the
                    overlays of the partner that sent an interchange apply
  --partner ID      use this partner's profile for every interchange
  --overlay FILE    apply this implementation-guide overlay (repeatable)

Exit status: 0 no error finding in any file, 1 an error finding in some file,
2 usage error, a partner profile that does not load, or an unreadable file
(the other files are still checked).
)";

constexpr std::string_view kAck =
    R"(Usage: edi-bridge ack [--envelope-only] [--counters FILE] [schema options] FILE|-

Validates FILE as 'validate' does and writes the acknowledgements its sender
expects to standard output: for X12 a TA1 (when ISA14 asks for one or the
interchange envelope is bad) and a 997 or 999 per functional group, accepting
or rejecting each transaction set; for EDIFACT a CONTRL. Acknowledgements are
never acknowledged. Each interchange is answered with the settings of the
partner profile that matches its sender (docs/partner-profiles.md), or with
the defaults: 997 for versions before 005010, 999 from 005010, TA1 on request,
CONTRL at interchange level, the sender's delimiters, sender and receiver ids
swapped. docs/acknowledgements.md describes every choice.

Options:
  --counters FILE   the control-number file for the acks (default:
                    $EDI_BRIDGE_COUNTERS, else
                    $XDG_STATE_HOME/edi-bridge/control-numbers, else
                    ~/.local/state/edi-bridge/control-numbers)
  --envelope-only   acknowledge on syntax and envelopes only
  -h, --help        print this help

Schema options: --schemas, --partners, --partner, --overlay as for 'validate'.

Exit status: 0 everything accepted, 1 something rejected or accepted with
errors (the acknowledgements say what), 2 usage error, unreadable file or a
control number that cannot be had.
)";

constexpr std::string_view kCheckConfig =
    R"(Usage: edi-bridge check-config [--json] FILE
       edi-bridge check-config --reference

Loads the daemon configuration FILE (normally /etc/edi-bridge/bridge.yaml)
as the daemon does and checks it: unknown, repeated or missing keys, values
of the wrong type or out of range, names used twice, routes and acks naming
targets that are not declared, file name templates with unknown fields
(docs/configuration.md). Then it checks what the file names: every partner
in routes, acks, duplicates and file names must have a profile in the
'partners' directory, the 'schemas' and 'partners' directories must exist,
and the spool, source, archive and target paths must be directories if they
exist. Nothing is created or started.

Prints 'FILE: ok (N sources, N targets, N routes, N partners)', or every
problem on its own line:

  FILE:LINE:COLUMN: MESSAGE

Options:
  --json        print {"ok", "file", "issues": [{"file", "line", "column",
                "message"}], "sources", "targets", "routes", "partners"}
                instead (the counts are null when the file does not load)
  --reference   print the reference of every key (the generated part of
                docs/configuration.md) and exit
  -h, --help    print this help

Exit status: 0 the configuration is fine, 2 a problem in it or in what it
names, or a usage error.
)";

constexpr std::string_view kRun =
    R"(Usage: edi-bridge run --config FILE [--once]

Runs the bridge in the foreground with the configuration FILE (normally
/etc/edi-bridge/bridge.yaml): watches the sources, stores every file in the
spool before its original is removed, validates, acknowledges and routes each
interchange, and delivers the effects to the targets (docs/operations.md).
Logs one line per event on standard error. SIGTERM or SIGINT stops it after
the pass in progress, with every commit complete.

Options:
  --config FILE  the configuration (required)
  --once         process what is waiting (letting files still being written
                 settle), make the deliveries that are due, and exit
  -h, --help     print this help

Exit status: 0 stopped cleanly, 2 configuration or partner profile error,
3 the spool stopped on an I/O failure (restart it: recovery resumes from the
last commit).
)";

constexpr std::string_view kSpool =
    R"(Usage: edi-bridge spool ACTION [options] (--config FILE | --spool DIR)

Shows and acts on the items in the spool (docs/operations.md). Safe to run
while the daemon runs; each action is one transaction.

Actions:
  ls                         list items, oldest first
  show ID                    an item's state, reason and deliveries
  trace ID                   an item's whole provenance log, from arrival to
                             every effect
  replay ID...               process items again from their stored payload;
                             effects already delivered are not repeated
  release ID...              let held items (duplicates) go on
  retry ID...                queue dead-lettered deliveries again
  purge --older-than AGE     remove finished items older than AGE (30d)

Options:
  --config FILE              take the spool directory from this configuration
  --spool DIR                or name it
  --state STATE              ls, replay, release, retry: only items in STATE
                             (received, delivering, done, held, rejected,
                             dead, corrupt)
  --partner ID               only items from this partner
  --since AGE                only items received in the last AGE (2h, 7d)
  --json                     print JSON instead of text
  -h, --help                 print this help

Exit status: 0 done, 1 no such item, 2 usage error or unreadable spool.
)";

constexpr std::string_view kTranslate =
    R"(Usage: edi-bridge translate FILE|- --mapping M [options]

Runs mapping M on FILE and prints what it produces: the canonical JSON of
each document for inbound mappings, the EDI, CSV, fixed-width or XML file for
outbound ones (docs/mapping-language.md). Nothing is delivered.

Options:
  --mapping M        a mapping name in the mapping directory, or a mapping file
  --mappings DIR     the mapping directory (default: EDI_BRIDGE_MAPPINGS, else
                     the shipped catalog)
  --contracts DIR    the canonical contracts (default: EDI_BRIDGE_CONTRACTS,
                     else the shipped contracts)
  --schemas DIR      the EDI schemas (loops of EDI sources)
  --partner ID       outbound EDI: address the interchange to this partner
  --partners DIR     the partner profiles (with --partner)
  --counters FILE    outbound EDI: control-number counter file (default:
                     numbers from 1, not kept)
  --json             print {mapping, version, hash, documents: [{document, ok,
                     problems, output}]}
  -h, --help         print this help

Exit status: 0 every document translated, 1 a document has problems (each is
printed with the rule and the source path), 2 usage error, unreadable file
or a mapping that does not compile.
)";

constexpr std::string_view kMap =
    R"(Usage: edi-bridge map ACTION [options]

Actions:
  check              compile every mapping and report every problem at once
  test [NAME...]     run the tests beside the mappings (all, or those named);
                     each failure shows a diff of expected and actual output
  versions           list the activated versions (needs --config)
  reload             compile and test the configuration's mapping directory;
                     only when everything passes, store it as the new active
                     version and signal the running daemon (needs --config)
  rollback [N]       make version N (default: the one before the active one)
                     active again and signal the daemon; it stays until the
                     next reload (needs --config)

Options:
  --config FILE      the daemon configuration (its mappings, contracts and
                     spool directory)
  --mappings DIR     the mapping directory (default: the configuration's, else
                     EDI_BRIDGE_MAPPINGS, else the shipped catalog)
  --contracts DIR    the canonical contracts
  --schemas DIR      the EDI schemas
  --json             check: print the problems as JSON
  --update           test: write the actual output into each `expect` file
                     that is missing or differs (review it before keeping it)
  -h, --help         print this help

Exit status: 0 done, 1 a mapping does not compile or a test failed (nothing
was activated), 2 usage error.
)";

constexpr std::string_view kVersion =
    R"(Usage: edi-bridge version

Prints the version of edi-bridge.

Options:
  -h, --help   print this help
)";

constexpr std::string_view kHelp =
    R"(Usage: edi-bridge help [COMMAND]

Prints the list of commands, or the help of COMMAND.
)";

constexpr std::string_view kVersionLine = "edi-bridge " EDI_BRIDGE_VERSION;

}  // namespace

std::string_view mainUsage() { return kMain; }

std::optional<std::string_view> commandUsage(std::string_view command) {
  if (command == "parse") return kParse;
  if (command == "render") return kRender;
  if (command == "validate") return kValidate;
  if (command == "ack") return kAck;
  if (command == "check-config") return kCheckConfig;
  if (command == "run") return kRun;
  if (command == "spool") return kSpool;
  if (command == "translate") return kTranslate;
  if (command == "map") return kMap;
  if (command == "version") return kVersion;
  if (command == "help") return kHelp;
  return std::nullopt;
}

std::string_view versionLine() { return kVersionLine; }

}  // namespace bridge::cli
