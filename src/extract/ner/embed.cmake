# The bundled NER models (models/ner/<lang>.dlner, see doc/ner-model.md). Each
# embedded model also defines DL_NER_MODEL_<lang> so that entities.cc refers to it.
dl_embed_file(dl_extract dl_ner_model_nl ${CMAKE_SOURCE_DIR}/models/ner/nl.dlner)
dl_embed_file(dl_extract dl_ner_model_es ${CMAKE_SOURCE_DIR}/models/ner/es.dlner)
dl_embed_file(dl_extract dl_ner_model_en ${CMAKE_SOURCE_DIR}/models/ner/en.dlner)
dl_embed_file(dl_extract dl_ner_model_de ${CMAKE_SOURCE_DIR}/models/ner/de.dlner)
dl_embed_file(dl_extract dl_ner_model_fr ${CMAKE_SOURCE_DIR}/models/ner/fr.dlner)
dl_embed_file(dl_extract dl_ner_model_it ${CMAKE_SOURCE_DIR}/models/ner/it.dlner)
target_compile_definitions(dl_extract PRIVATE DL_NER_MODEL_nl DL_NER_MODEL_es DL_NER_MODEL_en
                                              DL_NER_MODEL_de DL_NER_MODEL_fr DL_NER_MODEL_it)
