// kratom-safety counter page: calls POST /api/check and renders the report with DOM methods
// only (no innerHTML), so no input or data text is ever read as markup.
"use strict";

(function () {
  var form = document.getElementById("check-form");
  var meds = document.getElementById("meds");
  var substance = document.getElementById("substance");
  var button = document.getElementById("submit");
  var statusLine = document.getElementById("status");
  var results = document.getElementById("results");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function setStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? "error" : "";
  }

  function words(s) { return String(s).replace(/_/g, " "); }

  function referenceItem(r) {
    var li = el("li", {}, []);
    var url = String(r.url || "");
    if (/^https?:\/\//.test(url)) {
      li.appendChild(el("a", { href: url, rel: "noopener noreferrer" }, [r.citation]));
    } else {
      li.appendChild(document.createTextNode(r.citation));
    }
    li.appendChild(document.createTextNode(". " + r.title + " (" + words(r.study_type) + ")"));
    return li;
  }

  function findingCard(f) {
    var sev = "sev-" + f.severity;
    var badges = el("ul", { class: "badges", "aria-label": "Classification" }, [
      el("li", { class: "badge " + sev }, ["Severity: " + f.severity]),
      el("li", { class: "badge action" }, ["Action: " + words(f.action)]),
      el("li", { class: "badge evidence" }, ["Evidence: " + f.evidence])
    ]);
    var refs = el("ol", {}, f.references.map(referenceItem));
    var dl = el("dl", {}, [
      el("dt", {}, ["On the list as"]), el("dd", {}, [f.inputs.join("; ")]),
      el("dt", {}, ["Consequence"]), el("dd", {}, [f.clinical_effect]),
      el("dt", {}, ["What to do"]), el("dd", { class: "management" }, [f.management]),
      el("dt", {}, ["For the patient"]), el("dd", {}, [f.counselling]),
      el("dt", {}, ["Evidence: " + f.evidence]), el("dd", {}, [f.evidence_rationale])
    ]);
    if (!f.property_verified) {
      dl.appendChild(el("dt", {}, ["Class membership"]));
      dl.appendChild(el("dd", {}, ["Matched by " + f.matched_by +
        "; not yet verified in its source."]));
    }
    dl.appendChild(el("dt", {}, ["References"]));
    dl.appendChild(el("dd", {}, [refs]));
    return el("article", { class: "finding " + sev, "data-interaction": f.interaction_id }, [
      el("h4", {}, [f.ingredient + " - " + f.title]),
      badges,
      el("p", { class: "summary" }, [f.summary + "."]),
      dl
    ]);
  }

  function listBlock(title, items, id) {
    if (!items.length) { return null; }
    return el("div", { class: "unchecked-list", id: id }, [
      el("h4", {}, [title + " (" + items.length + ")"]),
      el("ul", {}, items.map(function (t) { return el("li", {}, [t]); }))
    ]);
  }

  function render(report) {
    document.getElementById("meta").textContent = "Substance: " +
      report.substances.join(", ") +
      (report.substances_detected_in_list.length
        ? " (found in the list: " + report.substances_detected_in_list.join(", ") + ")" : "") +
      ". Coverage: " + report.coverage + ". kratom_safety " + report.package_version +
      ", data " + report.data_version + " (reviewed " + report.data_reviewed + ").";

    var findings = document.getElementById("findings");
    clear(findings);
    if (report.findings.length) {
      report.findings.forEach(function (f) { findings.appendChild(findingCard(f)); });
    } else {
      findings.appendChild(el("p", {}, [
        "No interaction finding. This is not evidence of safety: see the statement below."
      ]));
    }

    var cumulative = document.getElementById("cumulative");
    clear(cumulative);
    report.cumulative_risks.forEach(function (c) {
      cumulative.appendChild(el("div", { class: "cumulative" }, [
        el("p", {}, [c.statement]),
        el("ol", {}, c.references.map(referenceItem))
      ]));
    });
    document.getElementById("cumulative-section").hidden = !report.cumulative_risks.length;

    var unchecked = document.getElementById("unchecked");
    clear(unchecked);
    var partial = report.inputs.filter(function (r) { return r.status === "partial"; })
      .map(function (r) {
        var m = r.match || {};
        var extra = (m.unmatched || []).length ? " (not recognised: " + m.unmatched.join(", ") + ")" : "";
        return r.input + extra;
      });
    var blocks = [
      listBlock("Not recognised, not checked", report.unrecognized, "unrecognized"),
      listBlock("Ambiguous, not checked", report.ambiguous, "ambiguous"),
      listBlock("Partly recognised, checked only for what was recognised", partial, "partial"),
      listBlock("Read as not taken (negated or stopped), not checked", report.negated, "negated"),
      listBlock("Recognised but outside the clinical vocabulary, not checked",
        report.outside_vocabulary, "outside-vocabulary"),
      listBlock("Refused, not checked", report.excluded, "excluded")
    ].filter(Boolean);
    if (blocks.length) {
      blocks.forEach(function (b) { unchecked.appendChild(b); });
    } else {
      unchecked.appendChild(el("p", {}, ["Every entry was recognised and checked."]));
    }

    document.getElementById("statement").textContent = report.statement;
    document.getElementById("disclaimer").textContent = report.disclaimer;
    results.hidden = false;
    var n = report.findings.length;
    setStatus("Checked " + report.inputs.length + " entr" + (report.inputs.length === 1 ? "y" : "ies") +
      ": " + n + " finding" + (n === 1 ? "" : "s") + ", coverage " + report.coverage + ".", false);
    document.getElementById("results-heading").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var list = meds.value.split(/\r?\n/).map(function (s) { return s.trim(); })
      .filter(function (s) { return s.length > 0; });
    if (!list.length) {
      setStatus("Enter at least one medication, one per line.", true);
      meds.focus();
      return;
    }
    button.disabled = true;
    setStatus("Checking " + list.length + " entr" + (list.length === 1 ? "y" : "ies") + "...", false);
    fetch("/api/check", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ medications: list, substance: substance.value }),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || ("HTTP " + response.status)); }
        return data;
      });
    }).then(render).catch(function (err) {
      results.hidden = true;
      setStatus("The check failed: " + err.message + ". Nothing was checked.", true);
    }).then(function () { button.disabled = false; });
  });
}());
