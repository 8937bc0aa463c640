"""The record model: what a record is (its fields, named by the schema), below both reading records (inputs/)
and rendering them (pages/)."""
