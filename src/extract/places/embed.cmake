# The bundled gazetteer (doc/places.md), built by scripts/build-gazetteer.py.
dl_embed_file(dl_extract dl_gazetteer ${CMAKE_SOURCE_DIR}/data/gazetteer/gazetteer.bin)
# The gazetteer payload is zlib-compressed (Python's standard library has no zstd).
target_link_libraries(dl_extract PUBLIC ZLIB::ZLIB)
