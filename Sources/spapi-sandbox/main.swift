// spapi-sandbox
print("spapi-sandbox")
