"""RTL mutation testing of the Sail top (scripts/mutate.py, docs/mutation.md).

sv:        a lexer and a small parser of the SystemVerilog subset rtl/*.sv is written in
catalogue: the mutation operators and the sites they find in the RTL
waivers:   tests/mutate/equivalent.tsv, the mutants that cannot change behaviour
runner:    builds each mutant in its own folder and runs a regression plan on it
report:    mutation.json and mutation.md
"""
