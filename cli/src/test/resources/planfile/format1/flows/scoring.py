print('score v1')
