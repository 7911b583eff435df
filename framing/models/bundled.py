"""The sha256 of each bundled model's ``model.joblib``: the only models framing loads with no
``--trust-model`` and no record in the user's trust file. Trust goes by these hashes, not by where a
folder lies: anything can be copied into ``models/``.

After retraining a bundled model, put the new hash here (``sha256sum models/TASK/model.joblib``);
tests/models/test_persist.py fails, saying so, until it matches.
"""
BUNDLED_SHA256 = {
    "framing": "c21317a370fd68df3646ff4fad148a7a072f5cf75d225aaa4d60eba5d5450f06",
    "sourcing": "3c40c327f1d543483cb406eb0aa64684e1e05fca1c298f43dd0d8f55e90c4164",
}
