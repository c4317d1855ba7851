"""The real engine: the facade's ``multiprocessing`` performed on CPython's real one.

A replayed model runs on the same facade as a simulated one (``mpsim/facade``); this engine is what
that facade talks to in each real model process.  Every declared step of an operation is one turn:
the engine announces it to the replay controller (object, operation, phase, model line), waits for
"go", performs the real action on CPython's real objects and reports what happened.

* ``cpython``: how CPython's real ``multiprocessing`` lives in a process whose ``multiprocessing``
  is the facade;
* ``engine``: ``RealEngine``, the facade's engine interface (``mpsim/facade/_engine.py``);
* ``actions``: the one table from each declared step to its real action, with the modules it is
  assembled from (``sync``, ``pipes``, ``queues``, ``shared``, ``managed``, ``pool``, ``procs``);
* ``wire``: the control connection to the controller (``mpsim/replay``), and the protocol;
* ``boot``: how a real main process and a spawned child start.

This package's ``__init__`` imports nothing: the controller imports ``wire`` from it, and must not
load the rest.
"""
