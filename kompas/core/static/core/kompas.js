/* Start Det Fælles Designsystem's components once for the page; htmx-swapped fragments start only their own. */
(function () {
  "use strict";
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  // "Go back" links: the previous page when there is one, else the link's own address (no javascript: URLs,
  // which the Content-Security-Policy refuses).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-history-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  // htmx-swapped content: start only the components inside the new fragment. DKFDS.init({scope}) would also
  // start the header navigation again, which adds one more "Mere" button per swap (issue 16).
  document.body.addEventListener("htmx:load", function (event) {
    if (event.detail && event.detail.elt && event.detail.elt !== document.body) {
      initFragment(event.detail.elt);
    }
  });

  function initEach(scope, selector, Component, callInit) {
    if (!Component || !scope.querySelectorAll) {
      return;
    }
    var elements = Array.prototype.slice.call(scope.querySelectorAll(selector));
    if (scope.matches && scope.matches(selector)) {
      elements.unshift(scope);
    }
    elements.forEach(function (element) {
      var component = new Component(element);
      if (callInit && typeof component.init === "function") {
        component.init();
      }
    });
  }

  function initFragment(scope) {
    var fds = window.DKFDS;
    if (!fds || !(scope instanceof Element)) {
      return;
    }
    initEach(scope, ".accordion, .accordion-bordered", fds.Accordion, true);
    initEach(scope, ".alert.has-close", fds.Alert, true);
    initEach(scope, ".back-to-top-button", fds.BackToTop, true);
    initEach(scope, ".form-limit", fds.CharacterLimit, true);
    initEach(scope, ".js-checkbox-toggle-content", fds.CheckboxToggleContent, true);
    initEach(scope, ".js-dropdown", fds.Dropdown, true);
    initEach(scope, ".overflow-menu--sort", fds.DropdownSort, true);
    initEach(scope, '[data-module="error-summary"]', fds.ErrorSummary, true);
    initEach(scope, ".fds-modal", fds.Modal, true);
    initEach(scope, ".js-menudropdown", fds.MenuDropdown, true);
    initEach(scope, ".js-radio-toggle-group", fds.RadioToggleGroup, true);
    initEach(
      scope,
      "table.table--responsive-headers, table.table-sm-responsive-headers, " +
        "table.table-md-responsive-headers, table.table-lg-responsive-headers",
      fds.ResponsiveTable,
      false
    );
    initEach(scope, "table.table--selectable", fds.TableSelectableRows, true);
    initEach(scope, "div.tab-container", fds.Tabs, true);
    initEach(scope, ".tooltip-wrapper", fds.Tooltip, true);
    // Date pickers: the page's delegated listeners (DKFDS.init on the document) already cover new content,
    // so only the new fields are enhanced.
    if (fds.datePicker && typeof fds.datePicker.init === "function") {
      fds.datePicker.init(scope);
    }
  }
})();

/* A long list of checkboxes (core/forms/field.html, data-choice-filter): a text field above it hides the
   options that do not match what is typed. Progressive enhancement: without this script every option shows.
   Checked options always stay visible, so nothing chosen disappears from view. */
(function () {
  "use strict";
  var counter = 0;

  function normalise(text) {
    var lower = (text || "").toLocaleLowerCase("da");
    return lower.normalize ? lower.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : lower;
  }

  function enhanceChoiceList(list) {
    if (list.getAttribute("data-choice-filter-ready")) {
      return;
    }
    list.setAttribute("data-choice-filter-ready", "true");
    counter += 1;
    var inputId = "choice-filter-" + counter;
    var statusId = inputId + "-status";
    var statusTemplate = list.getAttribute("data-choice-filter-status") || "{shown} / {total}";
    var options = Array.prototype.slice.call(list.querySelectorAll(".form-group-checkbox"));

    var group = document.createElement("div");
    group.className = "form-group mt-3 mb-4";
    var label = document.createElement("label");
    label.className = "form-label";
    label.setAttribute("for", inputId);
    label.textContent = list.getAttribute("data-choice-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = inputId;
    input.className = "form-input";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-describedby", statusId);
    input.setAttribute("aria-controls", list.id || "");
    var status = document.createElement("p");
    status.id = statusId;
    status.className = "form-hint mt-2";
    status.setAttribute("aria-live", "polite");
    group.appendChild(label);
    group.appendChild(input);
    group.appendChild(status);
    list.parentNode.insertBefore(group, list);
    if (!list.id) {
      list.id = inputId + "-list";
      input.setAttribute("aria-controls", list.id);
    }

    function update() {
      var query = normalise(input.value.trim());
      var shown = 0;
      options.forEach(function (option) {
        var box = option.querySelector("input");
        var text = normalise(option.textContent);
        var visible = !query || text.indexOf(query) !== -1 || (box && box.checked);
        option.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      status.textContent = statusTemplate.replace("{shown}", shown).replace("{total}", options.length);
    }

    input.addEventListener("input", update);
    // Enter in the filter must not submit the form the list belongs to.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    update();
  }

  function enhanceChoiceLists(scope) {
    if (!scope || !scope.querySelectorAll) {
      return;
    }
    var lists = Array.prototype.slice.call(scope.querySelectorAll("[data-choice-filter]"));
    if (scope.matches && scope.matches("[data-choice-filter]")) {
      lists.unshift(scope);
    }
    lists.forEach(enhanceChoiceList);
  }

  enhanceChoiceLists(document);
  document.body.addEventListener("htmx:load", function (event) {
    enhanceChoiceLists(event.detail && event.detail.elt);
  });
})();

/* "Læs op" (core/partials/read_aloud.html): the browser's speechSynthesis reads a text aloud in Danish.
   Off until asked; the control stays hidden in a browser that cannot speak. The toggle button's aria-pressed
   says whether it is reading; pressing it again pauses, and "Stop" ends the reading. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var active = null; // the control that is reading now

  function chunks(text) {
    // Browsers cut off long utterances: read sentence by sentence, at most ~200 characters at a time.
    var parts = text.replace(/\s+/g, " ").match(/[^.!?:;]+[.!?:;]*\s*/g) || [];
    var out = [];
    var current = "";
    parts.forEach(function (part) {
      if ((current + part).length > 200 && current) {
        out.push(current.trim());
        current = "";
      }
      current += part;
    });
    if (current.trim()) {
      out.push(current.trim());
    }
    return out;
  }

  function danishVoice(lang) {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var prefix = lang.slice(0, 2).toLowerCase();
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").indexOf(prefix) === 0) {
        return voices[i];
      }
    }
    return null;
  }

  function setState(control, state) {
    // state: "idle", "reading" or "paused"
    control.state = state;
    control.toggle.setAttribute("aria-pressed", state === "reading" ? "true" : "false");
    control.stop.hidden = state === "idle";
  }

  function stop(control) {
    control.queue = [];
    control.generation += 1;
    synth.cancel();
    setState(control, "idle");
    if (active === control) {
      active = null;
    }
  }

  function speakNext(control, generation) {
    if (generation !== control.generation) {
      return;
    }
    var text = control.queue.shift();
    if (!text) {
      setState(control, "idle");
      active = null;
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = control.lang;
    var voice = danishVoice(control.lang);
    if (voice) {
      utterance.voice = voice;
    }
    utterance.onend = function () {
      speakNext(control, generation);
    };
    utterance.onerror = function () {
      if (generation === control.generation) {
        stop(control);
      }
    };
    synth.speak(utterance);
  }

  function start(control) {
    if (active && active !== control) {
      stop(active);
    }
    var target = document.getElementById(control.element.getAttribute("data-read-aloud"));
    if (!target) {
      return;
    }
    synth.cancel();
    active = control;
    control.generation += 1;
    control.queue = chunks(target.innerText || target.textContent || "");
    setState(control, "reading");
    speakNext(control, control.generation);
  }

  function enhance(element) {
    if (element.readAloud) {
      return;
    }
    var control = {
      element: element,
      toggle: element.querySelector("[data-read-aloud-toggle]"),
      stop: element.querySelector("[data-read-aloud-stop]"),
      lang: element.getAttribute("data-read-aloud-lang") || "da-DK",
      queue: [],
      generation: 0,
      state: "idle",
    };
    if (!control.toggle || !control.stop) {
      return;
    }
    element.readAloud = control;
    control.toggle.addEventListener("click", function () {
      if (control.state === "reading") {
        synth.pause();
        setState(control, "paused");
      } else if (control.state === "paused") {
        synth.resume();
        setState(control, "reading");
      } else {
        start(control);
      }
    });
    control.stop.addEventListener("click", function () {
      stop(control);
      control.toggle.focus();
    });
    element.hidden = false;
  }

  function enhanceAll(scope) {
    if (!scope || !scope.querySelectorAll) {
      return;
    }
    Array.prototype.slice.call(scope.querySelectorAll("[data-read-aloud]")).forEach(enhance);
  }

  enhanceAll(document);
  document.body.addEventListener("htmx:load", function (event) {
    enhanceAll(event.detail && event.detail.elt);
  });
  // Leaving the page ends the reading (browsers otherwise go on speaking).
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });
})();

/* Characters left in a text area with a limit (data-maxlength, kompas/core/textlimits.py). The hint below the
   field (character_limit_hint) holds the texts in the reader's language; without script it says the limit. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "da";
  var numbers = window.Intl ? new Intl.NumberFormat(lang) : null;
  var timers = new WeakMap();

  function hintFor(field) {
    return field.id ? document.getElementById(field.id + "-limit") : null;
  }

  function message(hint, left) {
    var over = left < 0;
    var value = Math.abs(left);
    var key = (over ? "over" : "left") + (value === 1 ? "One" : "Other");
    var text = hint.dataset[key] || "";
    return text.replace("{value}", numbers ? numbers.format(value) : String(value));
  }

  function update(field, announce) {
    var hint = hintFor(field);
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!hint || !limit) {
      return;
    }
    var left = limit - field.value.length;
    var text = message(hint, left);
    hint.textContent = text;
    hint.classList.toggle("limit-exceeded", left < 0);
    field.classList.toggle("form-limit-error", left < 0);
    var live = hint.nextElementSibling;
    if (announce && live && live.classList.contains("character-limit-sr")) {
      // Screen readers hear the count when the writer pauses, not on every key.
      clearTimeout(timers.get(field));
      timers.set(
        field,
        setTimeout(function () {
          live.textContent = text;
        }, 1000)
      );
    }
  }

  function updateAll(scope) {
    if (!scope || !scope.querySelectorAll) {
      return;
    }
    Array.prototype.slice.call(scope.querySelectorAll("[data-maxlength]")).forEach(function (field) {
      if (field.value) {
        update(field, false);
      }
    });
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field && field.hasAttribute && field.hasAttribute("data-maxlength")) {
      update(field, true);
    }
  });
  updateAll(document);
  document.body.addEventListener("htmx:load", function (event) {
    updateAll(event.detail && event.detail.elt);
  });
})();
