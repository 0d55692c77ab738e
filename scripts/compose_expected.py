#!/usr/bin/env python3
"""Compose the per-fixture expected files from hand-written sources.

Inputs (both written by hand, reviewed):
  fixtures/expected/forms/*.json   one canonical Submission per seed form
  fixtures/expected/manifest.json  per fixture input: which forms it holds,
                                   their locators, per-item overrides for the
                                   fixture's layout, diagnostics, error

Output: for each manifest entry with path `fixtures/D/NAME.EXT`, the file
`fixtures/D/NAME.expected.json` (a FileReport without source.bytes/sha256).

This script never runs shiryo and never reads its output: every value comes
from the hand-written files. Usage:

    python3 scripts/compose_expected.py          # write all
    python3 scripts/compose_expected.py --check  # exit 1 if any file differs

Manifest format:

{
  "fixtures": [
    {
      "path": "fixtures/docx/2-1_hirakata.docx",
      "format": "docx",
      "submissions": [
        {
          "form": "2-1_hirakata",           // fixtures/expected/forms/<form>.json
          "locator": "body",
          "overrides": [                    // optional, applied in order
            {"section": 1, "items": [0, 1], "set": {"category_source": "column"}},
            {"section": 3, "items": "all", "set": {"category_source": "heading"}},
            {"section": 1, "items": "marker", "set": {"category_source": "column"}}
          ],
          "warnings": [...]                 // optional: replaces the form's warnings
        }
      ],
      "diagnostics": [{"level": "warning", "code": "hidden_sheet", "message": ""}],
      "error": null                         // or {"code": "corrupt", "message": ""}
    }
  ]
}

`items` selects items of the section by index list, "all", or "marker" (the
items whose category_source in the canonical form is `marker`).
"""
import copy
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
FORMS = ROOT / "fixtures/expected/forms"
MANIFEST = ROOT / "fixtures/expected/manifest.json"

SUB_KEYS = ["locator", "material_id", "target_areas", "hubs", "contractors", "sections", "warnings"]
ITEM_KEYS = ["text", "categories", "category_source", "dates", "counts"]
SOURCES = {"marker", "heading", "column", "inherited", "classifier"}


def load_form(name):
    sub = json.loads((FORMS / f"{name}.json").read_text(encoding="utf-8"))
    assert list(sub) == SUB_KEYS, (name, list(sub))
    return sub


def select(section, which, original):
    n = len(section["items"])
    if which == "all":
        return list(range(n))
    if which == "marker":
        return [i for i, it in enumerate(original["items"]) if it["category_source"] == "marker"]
    assert isinstance(which, list), which
    for i in which:
        assert 0 <= i < n, (section["number"], i)
    return which


def apply(sub, overrides, form_name):
    original = copy.deepcopy(sub)
    for ov in overrides:
        secs = [s for s in sub["sections"] if s["number"] == ov["section"]]
        assert len(secs) == 1, (form_name, ov)
        sec = secs[0]
        orig_sec = next(s for s in original["sections"] if s["number"] == ov["section"])
        if "at" in ov:
            # Hand-written provenance, one entry per item in order (fixtures/README.md coordinates).
            assert len(ov["at"]) == len(sec["items"]), (form_name, ov["section"])
            for item, at in zip(sec["items"], ov["at"]):
                item["at"] = at
            continue
        for i in select(sec, ov["items"], orig_sec):
            item = sec["items"][i]
            for k, v in ov["set"].items():
                assert k in ITEM_KEYS, (form_name, k)
                if k == "category_source":
                    assert v in SOURCES, v
                item[k] = v


def compose(entry):
    subs = []
    for s in entry.get("submissions", []):
        sub = load_form(s["form"])
        sub["locator"] = s["locator"]
        apply(sub, s.get("overrides", []), s["form"])
        if "warnings" in s:
            sub["warnings"] = s["warnings"]
        subs.append(sub)
    return {
        "schema": "shiryo/v1",
        "source": {"path": entry["path"], "format": entry["format"]},
        "submissions": subs,
        "diagnostics": entry.get("diagnostics", []),
        "error": entry.get("error"),
    }


def target(path):
    p = ROOT / path
    return p.with_name(p.name.rsplit(".", 1)[0] + ".expected.json")


def main():
    check = "--check" in sys.argv
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    bad = 0
    seen = set()
    for entry in manifest["fixtures"]:
        out = target(entry["path"])
        assert out not in seen, f"two inputs map to {out}"
        seen.add(out)
        text = json.dumps(compose(entry), ensure_ascii=False, indent=2) + "\n"
        if check:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                print("differs:", out.relative_to(ROOT))
                bad += 1
        else:
            out.write_text(text, encoding="utf-8")
            print("wrote", out.relative_to(ROOT))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
