"""Program generation: profile, CP-SAT model, principle checks and explanations."""
