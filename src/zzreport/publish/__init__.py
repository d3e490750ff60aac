"""Publishing: running the notebooks and turning them into the site. One module a job:

- ``plan`` — which jobs a build runs (a notebook per edition and per value of a parameter
  that lists its values), where their results go, where each edition is written;
- ``params`` — what a notebook's ``parameters`` cell accepts, and validation of values;
- ``notebooks`` — the notebook files: which there are, reading them cheaply, writing them whole;
- ``execute`` — running one notebook, the one way every command runs it;
- ``determinism`` — the one normaliser: the same inputs give the same bytes;
- ``kernels`` — a kernel a worker starts, and the warm kernel's reset between notebooks;
- ``pool`` — the worker processes, signals, and nothing left running after any stop;
- ``cache`` — what can be reused (content-addressed, each entry checking itself);
- ``scratch`` — temporary folders, locked while in use, swept once their maker is gone;
- ``pages`` and ``site`` — a notebook's page, and the index with its assets;
- ``build`` — ``zzreport build``: all of the above, then publishing the site whole;
- ``write_back`` — ``make notebooks``: the committed notebooks, run as the build runs them;
- ``readme`` — the README's findings block.

Imports run one way (scratch, params, kernels and pages at the bottom, build and write_back at
the top): no module imports one that imports it back.
"""
