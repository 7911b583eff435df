"""The sha256 of each bundled model's ``model.joblib``: the only models framing loads with no
``--trust-model`` and no record in the user's trust file. Trust goes by these hashes, not by where a
folder lies: anything can be copied into ``models/``.

After retraining a bundled model, put the new hash here (``sha256sum models/TASK/model.joblib``);
tests/test_persist.py fails, saying so, until it matches.
"""
BUNDLED_SHA256 = {
    "framing": "9c2d835b5b749989ee309034eba54bd79fff01aabeb1d37d5acbc97c3e3bb022",
    "sourcing": "7e66c859a755c7801b8569a09039a9c9557ee0981643dfe7181c0da4d1b364a8",
}
