"""The TrustAudit test-vector generator, one module per concept (see ../README.md).

generate.py, one folder up, is the command line; tree.generate_all() builds every vector.
"""
