# Run after exlSchema links (CMakeLists.txt, POST_BUILD): the binary prints its manual page and
# its completion scripts from the same tables its parser uses, so they always match the flags it
# takes. Writes, under EXL_OUT: exlSchema.1, exlSchema.1.gz (gzip -9n, as Debian installs man
# pages), completions/exlSchema (bash) and completions/_exlSchema (zsh).
# Usage: cmake -DEXL_BIN=<exlSchema> -DEXL_OUT=<dir> -P generate_manual.cmake

function(exl_print file)
  execute_process(COMMAND ${EXL_BIN} ${ARGN} OUTPUT_FILE ${file} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXL_BIN} ${ARGN} failed (${rc})")
  endif()
endfunction()

file(MAKE_DIRECTORY ${EXL_OUT}/completions)
exl_print(${EXL_OUT}/exlSchema.1 --man)
exl_print(${EXL_OUT}/completions/exlSchema --completion bash)
exl_print(${EXL_OUT}/completions/_exlSchema --completion zsh)
# -n: no name or time stamp in the header, so the same page gives the same bytes.
execute_process(COMMAND gzip -9n -c ${EXL_OUT}/exlSchema.1 OUTPUT_FILE ${EXL_OUT}/exlSchema.1.gz
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip of exlSchema.1 failed (${rc})")
endif()
