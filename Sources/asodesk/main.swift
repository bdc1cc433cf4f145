print("asodesk: under construction")
