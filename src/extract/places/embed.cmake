# The bundled gazetteer (doc/places.md), built by scripts/build-gazetteer.py.
dl_embed_file(dl_extract dl_gazetteer ${CMAKE_SOURCE_DIR}/data/gazetteer/gazetteer.bin)
# The gazetteer is stored uncompressed and used in place; the loader also accepts a
# zlib-compressed file (build-gazetteer.py --zlib), hence zlib.
target_link_libraries(dl_extract PUBLIC ZLIB::ZLIB)
