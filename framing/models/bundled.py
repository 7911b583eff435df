"""The sha256 of each bundled model's ``model.joblib``: the only models framing loads with no
``--trust-model`` and no record in the user's trust file. Trust goes by these hashes, not by where a
folder lies: anything can be copied into ``models/``.

After retraining a bundled model, put the new hash here (``sha256sum models/TASK/model.joblib``);
tests/models/test_persist.py fails, saying so, until it matches.
"""
BUNDLED_SHA256 = {
    "framing": "bd5a708ede9dac9d5f8663550c1de2126836197f1d0071198dad6846e39c3fae",
    "sourcing": "3c40c327f1d543483cb406eb0aa64684e1e05fca1c298f43dd0d8f55e90c4164",
}
