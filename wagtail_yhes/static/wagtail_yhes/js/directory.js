/*
 * The directory's search field suggests as the visitor types (the WAI-ARIA combobox
 * pattern with a list), and the filters open beside the results on a wide screen.
 * Without this script the search and the filters work as a plain form.
 */
(() => {
    "use strict";

    const panel = document.querySelector("[data-yhes-filters]");
    if (panel && window.matchMedia("(min-width: 60em)").matches) {
        panel.open = true;
    }

    const row = document.querySelector("[data-yhes-suggest]");
    const input = row && row.querySelector("input[type=search]");
    if (!input || !window.fetch) {
        return;
    }
    const endpoint = row.dataset.yhesSuggest;
    const list = document.createElement("ul");
    const status = document.createElement("div");
    list.id = "yhes-suggestions";
    list.className = "yhes-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", row.dataset.listLabel);
    list.hidden = true;
    status.className = "yhes-visually-hidden";
    status.setAttribute("role", "status");
    row.append(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    let suggestions = [];
    let active = -1;
    let timer = null;
    let request = null;

    const options = () => list.querySelectorAll("[role=option]");

    function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function highlight(index) {
        active = index;
        options().forEach((option, i) => {
            option.setAttribute("aria-selected", i === index ? "true" : "false");
        });
        if (index < 0) {
            input.removeAttribute("aria-activedescendant");
        } else {
            input.setAttribute("aria-activedescendant", `yhes-suggestion-${index}`);
            options()[index].scrollIntoView({block: "nearest"});
        }
    }

    function choose(index) {
        const suggestion = suggestions[index];
        close();
        if (suggestion.url) {
            window.location.assign(suggestion.url);
        } else {
            input.value = suggestion.text;
            input.form.requestSubmit();
        }
    }

    function show(found) {
        suggestions = found;
        list.replaceChildren(
            ...found.map((suggestion, index) => {
                const option = document.createElement("li");
                const kind = document.createElement("span");
                option.id = `yhes-suggestion-${index}`;
                option.className = "yhes-suggestions__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = suggestion.text;
                kind.className = "yhes-suggestions__kind";
                kind.textContent = `(${row.dataset[suggestion.kind === "name" ? "nameLabel" : "wordLabel"]})`;
                option.append(kind);
                // On mousedown the field would lose its focus before the click.
                option.addEventListener("mousedown", (event) => event.preventDefault());
                option.addEventListener("click", () => choose(index));
                return option;
            }),
        );
        status.textContent = found.length
            ? `${row.dataset.countLabel} ${found.length}. ${row.dataset.help}`
            : "";
        if (found.length) {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            highlight(-1);
        } else {
            close();
        }
    }

    function fetchSuggestions() {
        const text = input.value.trim();
        if (request) {
            request.abort();
        }
        if (text.length < 2) {
            show([]);
            return;
        }
        request = new AbortController();
        fetch(`${endpoint}?q=${encodeURIComponent(text)}`, {signal: request.signal})
            .then((response) => (response.ok ? response.json() : {suggestions: []}))
            .then((data) => show(data.suggestions || []))
            .catch(() => {});
    }

    input.addEventListener("input", () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(fetchSuggestions, 150);
    });

    input.addEventListener("keydown", (event) => {
        const count = suggestions.length;
        const open = !list.hidden;
        if (event.key === "ArrowDown" && count) {
            event.preventDefault();
            if (!open) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
            highlight((active + 1) % count);
        } else if (event.key === "ArrowUp" && open) {
            event.preventDefault();
            highlight(active <= 0 ? count - 1 : active - 1);
        } else if (event.key === "Enter" && open && active >= 0) {
            event.preventDefault();
            choose(active);
        } else if (event.key === "Escape" && open) {
            event.preventDefault();
            close();
        }
    });

    input.addEventListener("blur", close);
})();
