#!/usr/bin/env python3
"""Generate the EDIFACT schema files (docs/schema-format.md, schema-v1).

Reads the public reference data (UNECE batch directories D.96A / D.01B, the
UNECE service code lists and the StAEDI CONTRL syntax 4 schema) and writes:

  schemas/edifact/D96A/dictionary.yaml + ORDERS ORDRSP DESADV INVOIC INVRPT
                       PRICAT RECADV APERAK
  schemas/edifact/D01B/dictionary.yaml + ORDERS ORDRSP DESADV INVOIC
  schemas/edifact/syntax3/dictionary.yaml + CONTRL.yaml   (CONTRL:D:3:UN)
  schemas/edifact/syntax4/dictionary.yaml + CONTRL.yaml   (CONTRL:4:1:UN)

Usage:
  python3 schemas/tools/import_edifact.py REFERENCE_DIR [OUTPUT_DIR]

REFERENCE_DIR is the folder holding edifact/ (e.g. /work/shared/reference);
OUTPUT_DIR defaults to schemas/edifact next to this script. Python 3 standard
library only; output is deterministic (same input, same bytes).

See schemas/tools/EDIFACT.md for the sources of each part and the choices made.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

MESSAGES = {
    "D96A": ["ORDERS", "ORDRSP", "DESADV", "INVOIC", "INVRPT", "PRICAT", "RECADV", "APERAK"],
    "D01B": ["ORDERS", "ORDRSP", "DESADV", "INVOIC"],
}

BOX_H = "\u2500"       # ─
BOX_CLOSE = ("\u2518", "\u2534")  # ┘ ┴ : each closes one group
CHANGE_INDICATORS = "+*#|X-"
SEPARATOR_RE = re.compile("^[" + re.escape(CHANGE_INDICATORS) + r" ]*" + BOX_H + "{20,}\\s*$")

# ---------------------------------------------------------------------------
# Service segments (ISO 9735). The UNECE batch directories do not define the
# service segments; layouts and lengths come from the StAEDI envelope schemas
# (v3.xml / v4r02.xml) and the reference README section 5, names of coded
# service elements from UNSL; the names of the uncoded ones are the ISO 9735
# data element names.
# ---------------------------------------------------------------------------

SERVICE_NAMES = {
    "0004": "Interchange sender identification",
    "0007": "Identification code qualifier",
    "0008": "Interchange sender internal identification",
    "0010": "Interchange recipient identification",
    "0013": "Service segment tag, coded",
    "0014": "Interchange recipient internal identification",
    "0020": "Interchange control reference",
    "0040": "Application sender identification",
    "0042": "Interchange sender internal sub-identification",
    "0044": "Application recipient identification",
    "0046": "Interchange recipient internal sub-identification",
    "0048": "Group reference number",
    "0051": "Controlling agency, coded",
    "0052": "Message version number",
    "0054": "Message release number",
    "0057": "Association assigned code",
    "0062": "Message reference number",
    "0065": "Message type",
    "0068": "Common access reference",
    "0070": "Sequence of transfers",
    "0073": "First and last transfer",
    "0074": "Number of segments in a message",
    "0081": "Section identification",
    "0083": "Action, coded",
    "0085": "Syntax error, coded",
    "0096": "Segment position in message body",
    "0098": "Erroneous data element position in segment",
    "0104": "Erroneous component data element position",
    "0110": "Code list directory version number",
    "0113": "Message type sub-function identification",
    "0115": "Message subset identification",
    "0116": "Message subset version number",
    "0118": "Message subset release number",
    "0121": "Message implementation guideline identification",
    "0122": "Message implementation guideline version number",
    "0124": "Message implementation guideline release number",
    "0127": "Scenario identification",
    "0128": "Scenario version number",
    "0130": "Scenario release number",
    "0135": "Service segment tag, coded",
    "0136": "Erroneous data element occurrence",
    "0138": "Security segment position",
    "0534": "Security reference number",
    "0800": "Package reference number",
    "0802": "Reference identification number",
    "0813": "Reference qualifier",
}

SERVICE_COMPOSITE_NAMES = {
    "S002": "Interchange sender",
    "S003": "Interchange recipient",
    "S006": "Application sender identification",
    "S007": "Application recipient identification",
    "S009": "Message identifier",
    "S010": "Status of the transfer",
    "S011": "Data element identification",
    "S016": "Message subset identification",
    "S017": "Message implementation guideline identification",
    "S018": "Scenario identification",
    "S020": "Reference identification",
}

SERVICE_SEGMENT_NAMES = {
    "UNH": "Message header",
    "UNT": "Message trailer",
    "UNS": "Section control",
    "UCI": "Interchange response",
    "UCM": "Message/package response",
    "UCF": "Group response",
    "UCS": "Segment error indication",
    "UCD": "Data element error indication",
}

# Syntax version 3 service segments: (element, usage, repr) per position;
# composites as (id, usage, [(component, usage, repr), ...]).
# UNH/UNT/UNS as in ISO 9735 (1988, amended 1990) = StAEDI v3.xml;
# UCI/UCM/UCF/UCS/UCD from the reference README section 5.
S011_V3 = ("S011", "C", [("0098", "M", "n..3"), ("0104", "C", "n..3")])
SYNTAX3_SEGMENTS = {
    "UNH": [("0062", "M", "an..14"),
            ("S009", "M", [("0065", "M", "an..6"), ("0052", "M", "an..3"), ("0054", "M", "an..3"),
                           ("0051", "M", "an..2"), ("0057", "C", "an..6")]),
            ("0068", "C", "an..35"),
            ("S010", "C", [("0070", "M", "n..2"), ("0073", "C", "a1")])],
    "UNT": [("0074", "M", "n..6"), ("0062", "M", "an..14")],
    "UNS": [("0081", "M", "a1")],
    "UCI": [("0020", "M", "an..14"),
            ("S002", "M", [("0004", "M", "an..35"), ("0007", "C", "an..4"), ("0008", "C", "an..14")]),
            ("S003", "M", [("0010", "M", "an..35"), ("0007", "C", "an..4"), ("0014", "C", "an..14")]),
            ("0083", "M", "an..3"), ("0085", "C", "an..3"), ("0013", "C", "a3"), S011_V3],
    "UCM": [("0062", "M", "an..14"),
            ("S009", "M", [("0065", "M", "an..6"), ("0052", "M", "an..3"), ("0054", "M", "an..3"),
                           ("0051", "M", "an..2"), ("0057", "C", "an..6")]),
            ("0083", "M", "an..3"), ("0085", "C", "an..3"), ("0013", "C", "a3"), S011_V3],
    "UCF": [("0048", "M", "an..14"),
            ("S006", "M", [("0040", "M", "an..35"), ("0007", "C", "an..4")]),
            ("S007", "M", [("0044", "M", "an..35"), ("0007", "C", "an..4")]),
            ("0083", "M", "an..3"), ("0085", "C", "an..3"), ("0013", "C", "a3"), S011_V3],
    "UCS": [("0096", "M", "n..6"), ("0085", "C", "an..3")],
    "UCD": [("0085", "M", "an..3"), ("S011", "M", S011_V3[2])],
}

# Syntax version 4 UNH/UNT (ISO 9735-2; StAEDI v4r02.xml). UCx come from the
# StAEDI CONTRL file at run time.
SYNTAX4_UNH_UNT = {
    "UNH": [("0062", "M", "an..14"),
            ("S009", "M", [("0065", "M", "an..6"), ("0052", "M", "an..3"), ("0054", "M", "an..3"),
                           ("0051", "M", "an..3"), ("0057", "C", "an..6"), ("0110", "C", "an..6"),
                           ("0113", "C", "an..6")]),
            ("0068", "C", "an..35"),
            ("S010", "C", [("0070", "M", "n..2"), ("0073", "C", "a1")]),
            ("S016", "C", [("0115", "M", "an..14"), ("0116", "C", "an..3"), ("0118", "C", "an..3"),
                           ("0051", "C", "an..3")]),
            ("S017", "C", [("0121", "M", "an..14"), ("0122", "C", "an..3"), ("0124", "C", "an..3"),
                           ("0051", "C", "an..3")]),
            ("S018", "C", [("0127", "M", "an..14"), ("0128", "C", "an..3"), ("0130", "C", "an..3"),
                           ("0051", "C", "an..3")])],
    "UNT": [("0074", "M", "n..10"), ("0062", "M", "an..14")],
    "UNS": [("0081", "M", "a1")],
}

# Elements a CONTRL repeats from the interchange it acknowledges (UCI/UCF party
# qualifiers, UCM S009 message identifier). They must be echoed as received,
# codes the lists lack included, so the CONTRL dictionaries check no code
# list on them.
ECHOED_IN_CONTRL = {"0007", "0051", "0052", "0054", "0057", "0065"}

# Service elements that carry a service code list (UNSL) in each dictionary.
CODED_SERVICE = {"0051", "0052", "0054", "0065", "0073", "0081", "0007", "0083", "0085",
                 "0013", "0135", "0113", "0813"}


# ---------------------------------------------------------------------------
# Reading helpers
# ---------------------------------------------------------------------------

def read_text(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("cp437")
    return [line.rstrip("\r\n").rstrip() for line in text.split("\n")]


def parse_repr(rep):
    m = re.fullmatch(r"(an|a|n)(\.\.)?(\d+)", rep)
    if not m:
        raise ValueError("bad representation %r" % rep)
    typ, var, n = m.group(1), m.group(2), int(m.group(3))
    return typ, (1 if var else n), n


def blocks(lines):
    """Split a directory file into blocks between separator lines."""
    out, cur = [], []
    for line in lines:
        if SEPARATOR_RE.match(line):
            out.append(cur)
            cur = []
        else:
            cur.append(line)
    out.append(cur)
    # The first block is the file preamble, except in UNCL-2.96A, which
    # continues UNCL-1.96A and opens directly with an entry: keep it; the
    # header patterns of the callers skip preambles.
    return out


def first_nonblank(lines):
    for i, line in enumerate(lines):
        if line.strip():
            return i, line
    return None, None


def strip_indicator(line):
    """Blank the change-indicator columns (up to the first digit/letter run)."""
    m = re.match(r"^([" + re.escape(CHANGE_INDICATORS) + r" ]*)", line)
    lead = m.group(1)
    return " " * len(lead) + line[len(lead):], lead.strip()


# ---------------------------------------------------------------------------
# Element directory (TRED / EDED)
# ---------------------------------------------------------------------------

def parse_elements(path):
    elements = {}
    for blk in blocks(read_text(path)):
        i, head = first_nonblank(blk)
        if head is None:
            continue
        head, ind = strip_indicator(head)
        m = re.match(r"^\s*(\d{4})\s+(.+?)(\s+\[[BIC]\])?$", head)
        if not m:
            continue
        if "-" in ind:
            continue
        eid, name = m.group(1), m.group(2).strip()
        rep = None
        for line in blk[i + 1:]:
            mm = re.match(r"^[" + re.escape(CHANGE_INDICATORS) + r" ]*Repr:\s*(\S+)", line)
            if mm:
                rep = mm.group(1)
                break
        if rep is None:
            raise ValueError("no Repr for %s in %s" % (eid, path))
        typ, mn, mx = parse_repr(rep)
        elements[eid] = {"name": name, "type": typ, "min": mn, "max": mx}
    return elements


# ---------------------------------------------------------------------------
# Code lists (UNCL / UNSL)
# ---------------------------------------------------------------------------

def parse_codes(paths):
    """Return {element id: (name, [codes])}. Deleted codes ('-') are left out;
    codes marked for deletion ('X') are still part of the edition and kept."""
    lists = {}
    for path in paths:
        for blk in blocks(read_text(path)):
            i, head = first_nonblank(blk)
            if head is None:
                continue
            head, ind = strip_indicator(head)
            m = re.match(r"^\s*(\d{4})\s+(.+?)(\s+\[[BIC]\])?$", head)
            if not m or "-" in ind:
                continue
            eid, name = m.group(1), m.group(2).strip()
            codes = []
            state = "head"
            namecol = None
            for line in blk[i + 1:]:
                # change indicators sit in columns 1-2 only (codes such as
                # "XA" or "XAA" start further right and keep their X)
                lind = "".join(ch for ch in line[:2] if ch in CHANGE_INDICATORS)
                body = "".join(" " if (i < 2 and ch in CHANGE_INDICATORS) else ch
                               for i, ch in enumerate(line)) if lind else line
                s = body.strip()
                if not s:
                    if state == "note":
                        state = "after"
                    continue
                kw = re.match(r"^\s*(Desc|Repr|Note):", body)
                if kw:
                    state = "note" if kw.group(1) in ("Note", "Desc") else "after"
                    continue
                if state == "note":
                    continue
                if state == "head":
                    continue
                # code line: non-blank text before the name column
                if namecol is None:
                    # first code line fixes the layout: the name starts after the
                    # code and the run of blanks following it.
                    mm = re.match(r"^(\s*)(\S+)(\s+)\S", body)
                    if not mm:
                        continue
                    namecol = len(mm.group(1)) + len(mm.group(2)) + len(mm.group(3))
                    # D.96A style right-aligns codes ending before column 10,
                    # D.01B style left-aligns them at column 6 with names at 12.
                    namecol = 10 if namecol <= 10 else 11
                prefix = body[:namecol]
                if not prefix.strip():
                    continue  # name continuation or description
                code = prefix.strip()
                if " " in code:
                    raise ValueError("bad code line in %s %s: %r" % (path, eid, line))
                if "-" in lind:
                    continue
                codes.append(code)
            lists[eid] = (name, codes)
    return lists


# ---------------------------------------------------------------------------
# Composite directory (TRCD / EDCD)
# ---------------------------------------------------------------------------

IND = "[" + re.escape(CHANGE_INDICATORS) + "]"
COMPONENT_RE = re.compile(r"^[" + re.escape(CHANGE_INDICATORS) + r" ]*(\d{3})\s*" + IND + r"?\s+(\d{4})\s+(.+?)\s+([MC])\s+(a|an|n)(\.\.)?(\d+)$")
POSITION_START_RE = re.compile(r"^[" + re.escape(CHANGE_INDICATORS) + r" ]*(\d{3})\s*" + IND + r"?\s+([CE]?\d{3,4})\s")


def joined(lines, full_re):
    """Position lines whose name wraps continue on the next line: join them."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if POSITION_START_RE.match(line) and not full_re.match(line) and i + 1 < len(lines) \
                and lines[i + 1].strip() and not POSITION_START_RE.match(lines[i + 1]):
            out.append(line + " " + lines[i + 1].strip())
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def parse_composites(path):
    comps = {}
    for blk in blocks(read_text(path)):
        i, head = first_nonblank(blk)
        if head is None:
            continue
        head, ind = strip_indicator(head)
        m = re.match(r"^\s*([CE]\d{3})\s+(.+)$", head)
        if not m or "-" in ind:
            continue
        cid, name = m.group(1), m.group(2).strip()
        components = []
        for line in joined(blk[i + 1:], COMPONENT_RE):
            mm = COMPONENT_RE.match(line)
            if mm:
                components.append((mm.group(2), mm.group(4), mm.group(3).strip()))
        comps[cid] = {"name": name, "components": components}
    return comps


# ---------------------------------------------------------------------------
# Segment directory (TRSD / EDSD)
# ---------------------------------------------------------------------------

SEGPOS_RE = re.compile(r"^[" + re.escape(CHANGE_INDICATORS) + r" ]*(\d{3})\s*" + IND + r"?\s+([CE]?\d{3,4})\s+(.+?)\s+([MC])(?:\s+(\d+))?(?:\s+((?:an|a|n)(?:\.\.)?\d+))?$")


def parse_segments(path):
    segs = {}
    for blk in blocks(read_text(path)):
        i, head = first_nonblank(blk)
        if head is None:
            continue
        head, ind = strip_indicator(head)
        m = re.match(r"^\s*([A-Z]{3})\s+(.+)$", head)
        if not m or "-" in ind:
            continue
        tag, name = m.group(1), m.group(2).strip()
        positions = []
        for line in joined(blk[i + 1:], SEGPOS_RE):
            mm = SEGPOS_RE.match(line)
            if mm:
                positions.append({"pos": mm.group(1), "id": mm.group(2), "usage": mm.group(4),
                                  "repeat": int(mm.group(5)) if mm.group(5) else 1})
        segs[tag] = {"name": name, "elements": positions}
    return segs


# ---------------------------------------------------------------------------
# Message segment table (section 4.3.1)
# ---------------------------------------------------------------------------

GROUP_RE = re.compile(r"^(\d{4})\s*([" + re.escape(CHANGE_INDICATORS) + r"])?\s+" + BOX_H + r"+ Segment group (\d+)\s*" + BOX_H + r"+ ([MC])\s+(\d+)" + BOX_H)
SEGLINE_RE = re.compile(r"^(\d{4})\s*([" + re.escape(CHANGE_INDICATORS) + r"])?\s+([A-Z]{3}) (.+?)\s+([MC])\s+(\d+)(.*)$")


def parse_message(path):
    lines = read_text(path)
    title = None
    for line in lines[:40]:
        m = re.match(r"^\s+(.+?) message$", line, re.I)
        if m and title is None and "UNITED NATIONS" not in line.upper():
            title = line.strip()
            break
    start = None
    for idx, line in enumerate(lines):
        if re.match(r"^4\.3\.1\s+Segment table", line):
            start = idx
    if start is None:
        raise ValueError("no segment table in %s" % path)
    root = {"children": []}
    stack = [root]
    names = {}
    for line in lines[start + 1:]:
        if re.match(r"^\S", line) and not re.match(r"^\d{4}", line):
            if stack != [root] or root["children"]:
                if line.startswith("Pos"):
                    continue
                break
        g = GROUP_RE.match(line)
        if g:
            if g.group(2) == "-":
                raise ValueError("deleted group in %s" % path)
            node = {"loop": "SG" + g.group(3), "usage": g.group(4), "max": int(g.group(5)),
                    "pos": g.group(1), "children": []}
            stack[-1]["children"].append(node)
            stack.append(node)
            continue
        s = SEGLINE_RE.match(line)
        if s:
            if s.group(2) == "-":
                raise ValueError("deleted segment in %s" % path)
            tag = s.group(3)
            names.setdefault(tag, s.group(4).strip())
            stack[-1]["children"].append({"segment": tag, "usage": s.group(5),
                                          "max": int(s.group(6)), "pos": s.group(1)})
            closes = sum(s.group(7).count(c) for c in BOX_CLOSE)
            for _ in range(closes):
                stack.pop()
            if not stack:
                raise ValueError("unbalanced groups in %s" % path)
            if s.group(3) == "UNT":
                break
    if len(stack) != 1:
        raise ValueError("unclosed group in %s" % path)
    return title, root["children"], names


def message_title(path, msg):
    """The message name from the file heading, e.g. 'Purchase order message'."""
    lines = read_text(path)
    for line in lines[:60]:
        s = line.strip()
        if s.endswith("message") and "UNITED NATIONS" not in s.upper() and len(s) < 70 and not s.startswith("For"):
            return s[0].upper() + s[1:]
    return msg


# ---------------------------------------------------------------------------
# YAML writing
# ---------------------------------------------------------------------------

def q(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def cap(name):
    """'BEGINNING OF MESSAGE' -> 'Beginning of message'."""
    name = name.strip()
    if name.isupper() or name == name.upper():
        name = name.lower()
        return name[:1].upper() + name[1:]
    return name


def header(kind, version, source):
    return [
        "# Generated by schemas/tools/import_edifact.py from %s." % source,
        "# Do not edit by hand: re-run the generator; tighten with an overlay.",
        "format: edi-bridge/schema-v1",
        "kind: %s" % kind,
        "standard: edifact",
        "version: %s" % q(version),
    ]


def element_line(eid, e):
    parts = ["name: %s" % q(e["name"]), "type: %s" % e["type"], "min: %d" % e["min"], "max: %d" % e["max"]]
    if e.get("codes"):
        parts.append("codes: [%s]" % ", ".join(q(c) for c in e["codes"]))
    return "  %s: {%s}" % (q(eid), ", ".join(parts))


def ref_line(indent, r):
    parts = ["id: %s" % q(r["id"]), "usage: %s" % r["usage"]]
    if r.get("repeat", 1) > 1:
        parts.append("repeat: %d" % r["repeat"])
    return "%s- {%s}" % (indent, ", ".join(parts))


def write_dictionary(path, version, source, elements, composites, segments, base=None):
    out = header("dictionary", version, source)
    if base:
        out.append("base: %s" % base)
    out.append("elements:")
    for eid in sorted(elements):
        out.append(element_line(eid, elements[eid]))
    out.append("composites:")
    for cid in sorted(composites):
        c = composites[cid]
        out.append("  %s:" % q(cid))
        out.append("    name: %s" % q(c["name"]))
        out.append("    components:")
        for r in c["components"]:
            out.append(ref_line("      ", r))
        if c.get("notes"):
            out.append("    notes: [%s]" % ", ".join(q(n) for n in c["notes"]))
    out.append("segments:")
    for tag in sorted(segments):
        s = segments[tag]
        out.append("  %s:" % q(tag))
        out.append("    name: %s" % q(s["name"]))
        out.append("    elements:")
        for r in s["elements"]:
            out.append(ref_line("      ", r))
        if s.get("notes"):
            out.append("    notes: [%s]" % ", ".join(q(n) for n in s["notes"]))
    write(path, out)


def structure_lines(nodes, indent):
    out = []
    for n in nodes:
        if "segment" in n:
            parts = ["segment: %s" % q(n["segment"]), "usage: %s" % n["usage"]]
            if n["max"] != 1:
                parts.append("max: %s" % n["max"])
            parts.append("pos: %s" % q(n["pos"]))
            out.append("%s- {%s}" % (indent, ", ".join(parts)))
        else:
            out.append("%s- loop: %s" % (indent, q(n["loop"])))
            out.append("%s  usage: %s" % (indent, n["usage"]))
            out.append("%s  max: %s" % (indent, n["max"]))
            out.append("%s  pos: %s" % (indent, q(n["pos"])))
            out.append("%s  segments:" % indent)
            out.extend(structure_lines(n["children"], indent + "    "))
    return out


def write_transaction(path, version, source, msg, name, release, structure, comment=None):
    out = header("transaction", version, source)
    if comment:
        out[2:2] = ["# " + c for c in comment]
    out += ["id: %s" % q(msg), "name: %s" % q(name), "agency: %s" % q("UN"), "release: %s" % q(release),
            "segments:"]
    out.extend(structure_lines(structure, "  "))
    write(path, out)


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def staedi_enumerations(path):
    """{element id: [codes]} from the enumerations of a StAEDI schema file."""
    ns = {"s": "http://xlate.io/EDISchema/v4"}
    out = {}
    for et in ET.parse(path).getroot().findall("s:elementType", ns):
        en = et.find("s:enumeration", ns)
        num = et.get("number") or et.get("code")
        if en is not None and num:
            out["%04d" % int(num)] = [v.text for v in en.findall("s:value", ns)]
    return out


def merge_codes(base, extra):
    """Add to base (in place) the codes of extra it lacks, keeping base order."""
    for eid, codes in extra.items():
        if eid in base:
            have = base[eid]
            have.extend(c for c in codes if c not in have)
        else:
            base[eid] = list(codes)
    return base


# ---------------------------------------------------------------------------
# Building dictionaries
# ---------------------------------------------------------------------------

def add_service(layout, elements, composites, segments, codes, tags):
    """Add service segments from a layout table to a dictionary."""
    for tag in tags:
        refs = []
        for pos in layout[tag]:
            eid, usage, spec = pos
            if isinstance(spec, list):
                comps = []
                for (ceid, cusage, crep) in spec:
                    add_service_element(ceid, crep, elements, codes)
                    comps.append({"id": ceid, "usage": cusage, "repeat": 1})
                if eid in composites and composites[eid]["components"] != comps:
                    raise ValueError("composite %s defined twice differently" % eid)
                composites[eid] = {"name": SERVICE_COMPOSITE_NAMES[eid], "components": comps}
            else:
                add_service_element(eid, spec, elements, codes)
            refs.append({"id": eid, "usage": usage, "repeat": 1})
        segments[tag] = {"name": SERVICE_SEGMENT_NAMES[tag], "elements": refs}


def add_service_element(eid, rep, elements, codes):
    typ, mn, mx = parse_repr(rep)
    e = {"name": SERVICE_NAMES[eid], "type": typ, "min": mn, "max": mx}
    if eid in CODED_SERVICE and eid in codes:
        e["codes"] = list(codes[eid])
    old = elements.get(eid)
    if old and (old["min"], old["max"], old["type"]) != (mn, mx, typ):
        raise ValueError("service element %s with two representations" % eid)
    elements[eid] = e


def build_directory(ref, version, out_dir, report):
    d = os.path.join(ref, "edifact", version, "unece-extracted")
    if version == "D96A":
        seg_f, comp_f, el_f = "TRSD.96A", "TRCD.96A", "TRED.96A"
        cl_files = ["UNCL-1.96A", "UNCL-2.96A"]
        unsl = os.path.join(d, "UNSL.96A")
        release = "96A"
        source = "the UNECE directory D.96A (TRSD/TRCD/TRED/UNCL/UNSL, message files)"
    else:
        seg_f, comp_f, el_f = "EDSD.01B", "EDCD.01B", "EDED.01B"
        cl_files = ["UNCL.01B"]
        unsl = os.path.join(ref, "edifact", "service", "unece-UNSL-D99A", "UNSL.99A")
        release = "01B"
        source = "the UNECE directory D.01B (EDSD/EDCD/EDED/UNCL, message files; service codes UNSL.99A + the D.01B service list)"
    dir_elements = parse_elements(os.path.join(d, el_f))
    dir_comps = parse_composites(os.path.join(d, comp_f))
    dir_segs = parse_segments(os.path.join(d, seg_f))
    uncl = parse_codes([os.path.join(d, f) for f in cl_files])
    service_codes = {k: v[1] for k, v in parse_codes([unsl]).items()}
    if version == "D01B":
        # UNSL.99A predates D.01B (no release "01B" in 0054): add the codes of
        # the D.01B service code list rendering (php-edifact service_codes_v3).
        extra = ET.parse(os.path.join(ref, "edifact", "D01B", "php-edifact", "service_codes_v3.xml")).getroot()
        for de in extra:
            eid = de.get("id")
            if eid in service_codes:
                have = service_codes[eid]
                have.extend(c.get("id") for c in de if c.get("id") not in have)

    structures = {}
    seg_names = {}
    used = set()
    for msg in MESSAGES[version]:
        mpath = os.path.join(d, "%s_D.%s" % (msg, release))
        _, struct, names = parse_message(mpath)
        structures[msg] = (message_title(mpath, msg), struct)
        for k, v in names.items():
            seg_names.setdefault(k, v)
        used |= set(names)

    elements, composites, segments = {}, {}, {}
    coded = []
    for tag in sorted(used):
        if tag in ("UNH", "UNT", "UNS"):
            continue
        sd = dir_segs[tag]
        refs = []
        for p in sd["elements"]:
            pid = p["id"]
            if pid[0] in "CE":
                cd = dir_comps[pid]
                if pid not in composites:
                    composites[pid] = {"name": cap(cd["name"]),
                                       "components": [{"id": c[0], "usage": c[1], "repeat": 1} for c in cd["components"]]}
                    for c in cd["components"]:
                        add_dir_element(c[0], dir_elements, uncl, elements, coded)
            else:
                add_dir_element(pid, dir_elements, uncl, elements, coded)
            refs.append({"id": pid, "usage": p["usage"], "repeat": p["repeat"]})
        segments[tag] = {"name": seg_names.get(tag, cap(sd["name"])), "elements": refs}

    # Service segments: a superset of the syntax 3 and syntax 4 layouts, so a
    # message of this directory validates in either kind of interchange.
    svc = merge_service_layouts(SYNTAX3_SEGMENTS, SYNTAX4_UNH_UNT, ["UNH", "UNT", "UNS"])
    add_service(svc, elements, composites, segments, service_codes,
                [t for t in ("UNH", "UNT", "UNS") if t in used])

    vdir = os.path.join(out_dir, version)
    write_dictionary(os.path.join(vdir, "dictionary.yaml"), version, source, elements, composites, segments)
    for msg in MESSAGES[version]:
        title, struct = structures[msg]
        write_transaction(os.path.join(vdir, msg + ".yaml"), version,
                          "the UNECE directory D.%s (%s_D.%s, 4.3.1 segment table)" % (release, msg, release),
                          msg, title, release, struct)
    report[version] = sorted(set(coded))


# Elements with a UNCL entry whose values are nevertheless not restricted to
# it: 1131 names a code list of the agency given in 3055 (agency-assigned
# identifiers; the UNCL entries are examples "for guidance").
NOT_FROM_UNCL = {"1131"}


def add_dir_element(eid, dir_elements, uncl, elements, coded):
    if eid in elements:
        return
    de = dir_elements[eid]
    e = {"name": de["name"], "type": de["type"], "min": de["min"], "max": de["max"]}
    if eid in uncl and uncl[eid][1] and eid not in NOT_FROM_UNCL:
        e["codes"] = list(uncl[eid][1])
        coded.append(eid)
    elements[eid] = e


def merge_service_layouts(s3, s4, tags):
    """Syntax 4 position layout, representation widened to cover syntax 3."""
    out = {}
    for tag in tags:
        a, b = s3[tag], s4[tag]
        merged = []
        for i, pos in enumerate(b):
            if i < len(a) and a[i][0] == pos[0] and isinstance(pos[2], list):
                comps = []
                for j, c in enumerate(pos[2]):
                    if j < len(a[i][2]):
                        comps.append((c[0], c[1], wider(a[i][2][j][2], c[2])))
                    else:
                        comps.append(c)
                merged.append((pos[0], pos[1], comps))
            elif i < len(a) and a[i][0] == pos[0]:
                merged.append((pos[0], pos[1], wider(a[i][2], pos[2])))
            else:
                merged.append(pos)
        out[tag] = merged
    return out


def wider(r1, r2):
    t1, n1, x1 = parse_repr(r1)
    t2, n2, x2 = parse_repr(r2)
    if t1 != t2:
        raise ValueError("service repr %s / %s" % (r1, r2))
    if (n1, x1) == (n2, x2):
        return r1
    return "%s..%d" % (t1, max(x1, x2))


# ---------------------------------------------------------------------------
# CONTRL
# ---------------------------------------------------------------------------

CONTRL_STRUCTURE = [
    {"segment": "UNH", "usage": "M", "max": 1, "pos": "0010"},
    {"segment": "UCI", "usage": "M", "max": 1, "pos": "0020"},
    {"loop": "SG1", "usage": "C", "max": 999999, "pos": "0030", "children": [
        {"segment": "UCM", "usage": "M", "max": 1, "pos": "0040"},
        {"loop": "SG2", "usage": "C", "max": 999, "pos": "0050", "children": [
            {"segment": "UCS", "usage": "M", "max": 1, "pos": "0060"},
            {"segment": "UCD", "usage": "C", "max": 99, "pos": "0070"}]}]},
    {"loop": "SG3", "usage": "C", "max": 999999, "pos": "0080", "children": [
        {"segment": "UCF", "usage": "M", "max": 1, "pos": "0090"},
        {"loop": "SG4", "usage": "C", "max": 999999, "pos": "0100", "children": [
            {"segment": "UCM", "usage": "M", "max": 1, "pos": "0110"},
            {"loop": "SG5", "usage": "C", "max": 999, "pos": "0120", "children": [
                {"segment": "UCS", "usage": "M", "max": 1, "pos": "0130"},
                {"segment": "UCD", "usage": "C", "max": 99, "pos": "0140"}]}]}]},
    {"segment": "UNT", "usage": "M", "max": 1, "pos": "0150"},
]

NOTE_CODES = {"single": "D1", "paired": "D2", "required": "D3", "exclusion": "D4",
              "conditional": "D5", "list": "D6", "firstonly": "D7"}


def build_syntax3(ref, out_dir):
    unsl = os.path.join(ref, "edifact", "service", "unece-UNSL-D99A", "UNSL.99A")
    codes = {k: v[1] for k, v in parse_codes([unsl]).items()}
    # UNSL.99A is the last syntax 3 edition at hand; the StAEDI v3 list adds
    # the later directory releases (0054) and message types (0065) a CONTRL
    # may have to name in UCM S009.
    merge_codes(codes, staedi_enumerations(os.path.join(ref, "edifact", "service", "staedi", "v3.xml")))
    for eid in ECHOED_IN_CONTRL:
        codes.pop(eid, None)
    elements, composites, segments = {}, {}, {}
    add_service(SYNTAX3_SEGMENTS, elements, composites, segments, codes,
                ["UNH", "UNT", "UCI", "UCM", "UCF", "UCS", "UCD"])
    src = "ISO 9735 syntax version 3 facts (reference README section 5, StAEDI v3.xml) and UNSL D.99A"
    d = os.path.join(out_dir, "syntax3")
    write_dictionary(os.path.join(d, "dictionary.yaml"), "syntax3", src, elements, composites, segments)
    write_transaction(os.path.join(d, "CONTRL.yaml"), "syntax3",
                      "the CONTRL syntax 3 structure (reference README section 5)",
                      "CONTRL", "Syntax and service report message", "3", CONTRL_STRUCTURE,
                      comment=["UNH S009: CONTRL:D:3:UN (message version D, release 3).",
                               "SG1 and SG3 exclude each other (SG1 only without functional groups)."])


def build_syntax4(ref, out_dir):
    ns = {"s": "http://xlate.io/EDISchema/v4"}
    path = os.path.join(ref, "edifact", "service", "staedi", "CONTRL-v4r02.xml")
    root = ET.parse(path).getroot()
    # syntax 4 service code list (php-edifact D01C rendering of UNSL syntax 4)
    v4 = ET.parse(os.path.join(ref, "edifact", "service", "php-edifact", "D01C-service_codes_v4.xml")).getroot()
    codes = {}
    merge_codes(codes, staedi_enumerations(path))
    merge_codes(codes, staedi_enumerations(os.path.join(ref, "edifact", "service", "staedi", "v4r02.xml")))
    merge_codes(codes, {de.get("id"): [c.get("id") for c in de] for de in v4})
    for eid in ECHOED_IN_CONTRL:
        codes.pop(eid, None)
    elements, composites, segments = {}, {}, {}
    etypes = {}
    for et in root.findall("s:elementType", ns):
        eid = "%04d" % int(et.get("number"))
        base = et.get("base")
        typ = "n" if base in ("decimal", "numeric") else "an"
        mx = int(et.get("maxLength"))
        mn = int(et.get("minLength") or 1)
        enum = et.find("s:enumeration", ns)
        e = {"name": SERVICE_NAMES[eid], "type": typ, "min": mn, "max": mx}
        if enum is not None and eid in codes:
            e["codes"] = list(codes[eid])
        etypes[et.get("name")] = eid
        elements[eid] = e

    def refs_of(seq):
        out = []
        for child in seq:
            t = child.get("type")
            usage = "M" if child.get("minOccurs") == "1" else "C"
            rid = etypes.get(t) or "S" + t[3:]
            r = {"id": rid, "usage": usage, "repeat": int(child.get("maxOccurs") or 1)}
            out.append(r)
        return out

    def notes_of(node):
        notes = []
        for sx in node.findall("s:syntax", ns):
            pos = ",".join("%03d" % (int(p.text) * 10) for p in sx.findall("s:position", ns))
            notes.append("%s(%s)" % (NOTE_CODES[sx.get("type")], pos))
        return notes

    for ct in root.findall("s:compositeType", ns):
        cid = "S" + ct.get("name")[3:]
        c = {"name": SERVICE_COMPOSITE_NAMES[cid], "components": refs_of(ct.find("s:sequence", ns))}
        n = notes_of(ct)
        if n:
            c["notes"] = n
        composites[cid] = c
    for st in root.findall("s:segmentType", ns):
        tag = st.get("name")
        s = {"name": SERVICE_SEGMENT_NAMES[tag], "elements": refs_of(st.find("s:sequence", ns))}
        n = notes_of(st)
        if n:
            s["notes"] = n
        segments[tag] = s
    # UNH/UNT of syntax 4 (StAEDI v4r02.xml layout). S009 is shared with UCM:
    # check the two definitions agree.
    before = dict(composites)
    add_service(SYNTAX4_UNH_UNT, elements, composites, segments, codes, ["UNH", "UNT"])
    for cid in before:
        if composites[cid]["components"] != before[cid]["components"] and cid == "S009":
            raise ValueError("S009 differs between CONTRL and UNH")
        composites[cid].setdefault("notes", before[cid].get("notes"))
        if composites[cid]["notes"] is None:
            del composites[cid]["notes"]
    src = ("StAEDI CONTRL-v4r02.xml (incl. its dependency notes), StAEDI v4r02.xml UNH/UNT"
           " and the syntax 4 service code list (D01C)")
    d = os.path.join(out_dir, "syntax4")
    write_dictionary(os.path.join(d, "dictionary.yaml"), "syntax4", src, elements, composites, segments)
    write_transaction(os.path.join(d, "CONTRL.yaml"), "syntax4",
                      "the CONTRL syntax 4 structure (reference README section 5, StAEDI CONTRL-v4r02.xml)",
                      "CONTRL", "Syntax and service report message", "1", CONTRL_STRUCTURE,
                      comment=["UNH S009: CONTRL:4:1:UN (message version 4, release 1).",
                               "SG1 and SG3 exclude each other (StAEDI: exclusion of positions 2 and 3)."])


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    ref = argv[1]
    out_dir = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "edifact")
    out_dir = os.path.normpath(out_dir)
    report = {}
    for version in ("D96A", "D01B"):
        build_directory(ref, version, out_dir, report)
    build_syntax3(ref, out_dir)
    build_syntax4(ref, out_dir)
    for v, coded in report.items():
        print("%s: %d elements with UNCL code lists: %s" % (v, len(coded), " ".join(coded)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
