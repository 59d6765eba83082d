// The labs' Web Worker: runs the C++ lab module (dojo_labs.js, or dojo_labs_mt.js with threads where
// the page is cross-origin isolated) off the page's main thread, so a long measurement never freezes
// the lessons. Messages in: {type: "start", json} and {type: "cancel"}. Messages out: {type: "ready",
// json: backends}, {type: "progress", json}, {type: "report", json}, {type: "failed", message}.
// Everything is inside a function: the module's own script, loaded into this same global scope,
// defines globals such as run() that must not replace ours.
(() => {
    "use strict";

    const threads = self.crossOriginIsolated === true && typeof SharedArrayBuffer !== "undefined";
    const script = threads ? "dojo_labs_mt.js" : "dojo_labs.js";
    let busy = false;
    const queue = [];

    function failed(message) {
        postMessage({type: "failed", message: String(message)});
    }

    async function runLab(json) {
        busy = true;
        try {
            await Module.ccall("dojo_lab_run", null, ["string"], [json], {async: true});
        } catch (e) {
            failed("The lab stopped with an error: " + e);
        }
        busy = false;
    }

    self.onmessage = (event) => {
        const m = event.data || {};
        if (m.type === "cancel") {
            if (self.Module && Module.calledRun) Module._dojo_lab_cancel();
        } else if (m.type === "start") {
            if (self.Module && Module.calledRun && !busy) runLab(m.json);
            else queue.push(m.json);
        }
    };

    self.Module = {
        // Threads of the module find its script by this name (this worker's own URL is not it).
        mainScriptUrlOrBlob: script,
        print: (text) => console.log("[labs] " + text),
        printErr: (text) => console.warn("[labs] " + text),
        onAbort: (what) => failed("The labs module stopped: " + what),
        onRuntimeInitialized: async () => {
            try {
                const backends = await Module.ccall("dojo_lab_init", "string", [], [], {async: true});
                postMessage({type: "ready", json: backends});
            } catch (e) {
                failed("The labs could not start: " + e);
                return;
            }
            while (queue.length) await runLab(queue.shift());
        },
    };

    try {
        importScripts("webgpu_matmul.js", script);
    } catch (e) {
        failed("The labs module could not be loaded (" + script + "): " + e);
    }
})();
