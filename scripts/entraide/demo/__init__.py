"""Simulated communities: the example's history, benchmark communities, the evaluation harnesses that
need simulated histories, and the benchmark itself. May import every layer but `cli`.
"""
