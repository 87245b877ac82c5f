# Writes the contents of IN as a C++ raw string literal to OUT.
file(READ ${IN} CONTENT)
file(WRITE ${OUT} "R\"nnc_embed(${CONTENT})nnc_embed\"\n")
