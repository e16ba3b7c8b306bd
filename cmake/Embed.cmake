# dl_embed_file(TARGET SYMBOL FILE): links the bytes of FILE into TARGET as
#   extern "C" const unsigned char SYMBOL[]; extern "C" const unsigned char SYMBOL_end[];
# using the assembler's .incbin, so data files (models, gazetteer) ship inside the binary.
function(dl_embed_file target symbol file)
  set(asm ${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.S)
  file(WRITE ${asm}
    "  .section .rodata\n"
    "  .global ${symbol}\n"
    "  .global ${symbol}_end\n"
    "  .balign 16\n"
    "${symbol}:\n"
    "  .incbin \"${file}\"\n"
    "${symbol}_end:\n"
    "  .byte 0\n"
    "  .section .note.GNU-stack,\"\",@progbits\n")
  set_source_files_properties(${asm} PROPERTIES OBJECT_DEPENDS ${file} LANGUAGE ASM)
  target_sources(${target} PRIVATE ${asm})
endfunction()
