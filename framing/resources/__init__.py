"""Package data made for this project: Punkt parameters, stopwords, first names, places, outlets,
research organisations, units and the HTML view's stylesheet."""
