# The alias table of the name keys (data/names/aliases.tsv; see data/names/SOURCE.md).
dl_embed_file(dl_extract dl_name_aliases ${CMAKE_SOURCE_DIR}/data/names/aliases.tsv)
