MESSAGE='nowhere: source folder not found'
ARGS='--source nowhere'
